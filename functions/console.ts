import path from "node:path";
import type { HttpResponseInit } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { consoleConfig, consoleCsp } from "../shared/console/console-config";
import { ConsoleFiles } from "../shared/console/console-files";
import { AppError } from "../shared/errors/app-error";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** Built beside the functions: dist/functions/console.js serves dist/console/. */
const CONSOLE_DIR = path.join(__dirname, "..", "console");
let files: Promise<ConsoleFiles> | undefined;

/**
 * GET /api/console: the operator console (a static page, its script and stylesheet, and its sign-in
 * settings). Public like any sign-in page: it holds no data; everything it shows comes from the API
 * with the operator's bearer token.
 */
export const consolePage = httpFunction("console", {
  methods: ["GET"],
  route: "console/{*path}",
  authLevel: "anonymous",
  handler: withHttpErrors(async (request) => {
    const services = await getAppServices();
    const config = consoleConfig(services.settings);
    const name = request.params.path ?? "";
    const headers = { "content-security-policy": consoleCsp(config), "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "cache-control": "no-cache" };
    if (name === "config.json") return { status: 200, headers, jsonBody: config } satisfies HttpResponseInit;
    const file = (await (files ??= ConsoleFiles.load(CONSOLE_DIR))).get(name === "" ? "index.html" : name);
    if (!file) throw new AppError("CONSOLE_FILE_NOT_FOUND", `The console has no file ${name.slice(0, 100)}.`);
    return { status: 200, headers: { ...headers, "content-type": file.contentType }, body: file.body };
  }),
});
