import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpRequest, HttpResponse } from "@azure/functions";
import type { HttpResponseInit } from "@azure/functions";
import type { RouteMatch } from "./http-routes";
import { createInvocationContext, runLogged } from "./invocation-log";
import type { HostLogger } from "./invocation-log";

/** Request bodies above this are refused with 413 before a handler sees them. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the HTTP server needs from the host. */
export interface HostHttpServerOptions {
  routePrefix: string;
  route: (method: string, apiPath: string) => RouteMatch;
  /** Starts a non-HTTP function with the admin endpoint's input; false when no such function exists. */
  runAdmin: (name: string, input: string) => boolean;
  log: HostLogger;
  maxBodyBytes?: number;
}

class BodyTooLargeError extends Error {}

/**
 * The HTTP side of the local Functions host: `/<prefix>/...` to HTTP functions, and
 * `POST /admin/functions/{name}` to run any other function at once (no keys, as with Core Tools).
 */
export function createHostHttpServer(options: HostHttpServerOptions): http.Server {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return http.createServer((req, res) => {
    handle(req, res, options, maxBodyBytes).catch((e: unknown) => {
      options.log(`Host error for ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendError(res, 500, "internal", "The host failed to handle the request.");
      else res.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HostHttpServerOptions, maxBodyBytes: number): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const admin = /^\/admin\/functions\/([^/]+)\/?$/.exec(url.pathname);
  const prefix = options.routePrefix ? `/${options.routePrefix}` : "";
  let body: Buffer;
  try {
    body = await readBody(req, maxBodyBytes);
  } catch (e) {
    if (!(e instanceof BodyTooLargeError)) throw e;
    res.setHeader("Connection", "close");
    return sendError(res, 413, "payload-too-large", `Request bodies are limited to ${maxBodyBytes} bytes.`);
  }
  if (admin) {
    if (method !== "POST") return sendError(res, 405, "method-not-allowed", "Use POST to run a function.", ["POST"]);
    return runAdmin(res, decodeURIComponent(admin[1]!), body, options);
  }
  const inApi = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
  const match: RouteMatch = inApi ? options.route(method, url.pathname.slice(prefix.length)) : { kind: "not-found" };
  if (match.kind === "not-found") return sendError(res, 404, "not-found", "No function serves this route.");
  if (match.kind === "method-not-allowed") {
    return sendError(res, 405, "method-not-allowed", `This route accepts ${match.allowed.join(", ")}.`, match.allowed);
  }
  const request = new HttpRequest({
    method,
    url: url.toString(),
    headers: flattenHeaders(req.headers),
    query: Object.fromEntries(url.searchParams),
    params: match.params,
    ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body: { bytes: body } } : {}),
  });
  const context = createInvocationContext(match.target.name, options.log);
  let result: HttpResponseInit | HttpResponse | undefined;
  try {
    result = await runLogged(context, `HTTP ${method} ${url.pathname}`, options.log, () => match.target.options.handler(request, context));
  } catch {
    // runLogged wrote the error to the host log; the caller gets nothing internal.
    return sendError(res, 500, "internal", "The function failed. See the host log for details.");
  }
  await writeResponse(res, result);
}

function runAdmin(res: ServerResponse, name: string, body: Buffer, options: HostHttpServerOptions): void {
  let input = "";
  if (body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return sendError(res, 400, "invalid-json", 'The body must be JSON like {"input": "..."}.');
    }
    const value = (parsed as { input?: unknown } | null)?.input;
    input = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  }
  if (!options.runAdmin(name, input)) return sendError(res, 404, "not-found", `No non-HTTP function is named "${name}".`);
  res.writeHead(202).end();
}

async function writeResponse(res: ServerResponse, result: HttpResponseInit | HttpResponse | undefined): Promise<void> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
  const payload = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, key) => res.setHeader(key, value));
  const cookies = response.cookies.map((c) => `${c.name}=${c.value}${c.path ? `; Path=${c.path}` : ""}${c.httpOnly ? "; HttpOnly" : ""}`);
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  res.writeHead(response.status).end(payload);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, allow?: string[]): void {
  if (allow) res.setHeader("Allow", allow.join(", "));
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { code, message } }));
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      return reject(new BodyTooLargeError());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
