import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { APP_SETUP } from "../../functions/app-setup";
import type { FunctionDefinition } from "../../functions/define";
import { applySettings, readLocalSettings, resolveAppSettingReferences } from "./app-settings";
import { collectFunctionDefinitions, requireFunctionModules } from "./function-loader";
import { readHostConfig } from "./host-config";
import { keysFilePath, loadOrCreateHostKeys } from "./host-keys";
import { createRouter } from "./http-routes";
import { createHostHttpServer } from "./http-server";
import type { HostLogger } from "./invocation-log";
import { describeFunctions } from "./function-list";
import { NonHttpTriggers } from "./non-http-triggers";
import { requestBodyLimit } from "./request-body";

/** Options for {@link startLocalHost}. */
export interface LocalHostOptions {
  /** HTTP port; 0 picks a free one. Default: Host.LocalHttpPort from the settings file, else 7071. */
  port?: number;
  /** Where local.settings(.sample).json, host.json and the keys file live. Default: the repo this file is in. */
  repoRoot?: string;
  /** Folder of compiled function files. Default: dist/functions next to the compiled host. */
  functionsDir?: string;
  /** Already loaded function modules (tests pass TS modules); replaces functionsDir. */
  modules?: readonly unknown[];
  /** Variables treated as set in the environment: they win over the settings file. */
  env?: Record<string, string>;
  /** Receiver tuning that Service Bus keeps on the queue, not in host.json. */
  queue?: { lockSeconds?: number; maxDeliveryCount?: number; idlePollMs?: number };
  log?: HostLogger;
}

/** A running local host. */
export interface LocalHost {
  url: string;
  port: number;
  functions: FunctionDefinition[];
  /** The keys file (LOCAL_HOST_KEYS_FILE): master, host and function keys, created when absent. */
  keysFile: string;
  close(): Promise<void>;
}

/**
 * Plays the Functions host's part locally: loads settings, then the functions, and serves HTTP
 * triggers, Service Bus triggers (over Azurite with QUEUE_TRANSPORT=local) and timers. As strict as
 * Azure: keys are checked for every route above "anonymous", bodies stream or are buffered as the
 * app's `app.setup` says, with Azure's body limit.
 */
export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const repoRoot = options.repoRoot ?? findRepoRoot(__dirname);
  const settingsFile = readLocalSettings(repoRoot);
  for (const [key, value] of Object.entries(options.env ?? {})) process.env[key] = value;
  applySettings(settingsFile.values);
  if (settingsFile.file) log(`Settings from ${path.relative(repoRoot, settingsFile.file)}`);

  // Functions are loaded only now: some read app settings when they are imported.
  const modules = options.modules ?? requireFunctionModules(options.functionsDir ?? path.join(__dirname, "../../functions"));
  const functions = collectFunctionDefinitions(modules);
  const hostConfig = readHostConfig(repoRoot);
  const resolve = (text: string) => resolveAppSettingReferences(text, process.env);

  const keysFile = keysFilePath(repoRoot, process.env);
  const httpFunctions = functions.flatMap((f) => (f.kind === "http" ? [f] : []));
  const { keys, created } = loadOrCreateHostKeys(keysFile, httpFunctions.filter((f) => f.options.authLevel === "function").map((f) => f.name));
  // The path only: the keys themselves never go to the log.
  log(`Keys file: ${keysFile}${created ? " (created)" : ""}`);

  const triggers = new NonHttpTriggers(functions, { hostConfig, resolve, log, env: process.env, ...(options.queue ? { queue: options.queue } : {}) });
  const server = createHostHttpServer({
    routePrefix: hostConfig.routePrefix,
    route: createRouter(httpFunctions),
    runAdmin: (name, input) => triggers.runNow(name, input),
    log,
    keys,
    httpStream: APP_SETUP.enableHttpStream,
    bodyLimit: requestBodyLimit(process.env),
  });
  const port = options.port ?? settingsFile.host.LocalHttpPort ?? 7071;
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", fail);
      ok();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;
  try {
    await triggers.start();
  } catch (e) {
    await new Promise((r) => server.close(r));
    throw e;
  }
  log(describeFunctions(functions, url, hostConfig.routePrefix));
  log(`Host ready on ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    functions,
    keysFile,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        await triggers.stop();
        server.closeAllConnections();
        await stopped;
      })()),
  };
}

/** The nearest folder above `start` holding a package.json (the repo, from dev/host or dist/dev/host). */
export function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
