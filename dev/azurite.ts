import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = "devstoreaccount1";
const DEV_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** Azurite's default ports; `npm start` and `npm run azurite` use these. */
export const AZURITE_DEFAULT_PORTS = { blob: 10000, queue: 10001, table: 10002 } as const;

/** Options for {@link startAzurite}; a port of 0 picks a free one. */
export interface StartAzuriteOptions {
  /** Folder for data on disk (created if missing). Ignored with inMemory. */
  location?: string;
  inMemory?: boolean;
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** Do not forward Azurite's own output. */
  quiet?: boolean;
  /** How long to wait for all three services. */
  startTimeoutMs?: number;
}

/** A running (or reused) Azurite. */
export interface AzuriteHandle {
  connectionString: string;
  blobPort: number;
  queuePort: number;
  tablePort: number;
  /** True when an Azurite already listened on the requested ports; close() then leaves it running. */
  reused: boolean;
  close(): Promise<void>;
}

/** Explicit endpoints for devstoreaccount1, so every SDK agrees on the ports. */
export function azuriteConnectionString(ports: { blob: number; queue: number; table: number }): string {
  const base = "http://127.0.0.1";
  return [
    "DefaultEndpointsProtocol=http",
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_ACCOUNT_KEY}`,
    `BlobEndpoint=${base}:${ports.blob}/${DEV_ACCOUNT}`,
    `QueueEndpoint=${base}:${ports.queue}/${DEV_ACCOUNT}`,
    `TableEndpoint=${base}:${ports.table}/${DEV_ACCOUNT}`,
  ].join(";");
}

/**
 * Starts Azurite as a child process (no npx, no telemetry), or reuses one that already listens on
 * the requested fixed ports. Resolves once the queue and table services answer HTTP.
 */
export async function startAzurite(options: StartAzuriteOptions = {}): Promise<AzuriteHandle> {
  const requested = {
    blob: options.blobPort ?? AZURITE_DEFAULT_PORTS.blob,
    queue: options.queuePort ?? AZURITE_DEFAULT_PORTS.queue,
    table: options.tablePort ?? AZURITE_DEFAULT_PORTS.table,
  };
  if (requested.queue > 0 && requested.table > 0) {
    const [queueUp, tableUp] = await Promise.all([isListening(requested.queue), isListening(requested.table)]);
    if (queueUp && tableUp) {
      return { ...handleFields(requested), reused: true, close: async () => {} };
    }
  }
  const child = spawnAzurite(requested, options);
  try {
    const ports = await waitForPorts(child, options.startTimeoutMs ?? 30_000);
    await Promise.all([waitForHttp(ports.queue), waitForHttp(ports.table)]);
    return { ...handleFields(ports), reused: false, close: () => stopChild(child) };
  } catch (e) {
    await stopChild(child);
    throw e;
  }
}

function handleFields(ports: { blob: number; queue: number; table: number }) {
  return {
    connectionString: azuriteConnectionString(ports),
    blobPort: ports.blob,
    queuePort: ports.queue,
    tablePort: ports.table,
  };
}

/** The real entry file of the installed azurite package (what its `azurite` bin points at). */
export function azuriteEntryFile(): string {
  return path.join(path.dirname(require.resolve("azurite/package.json")), "dist", "src", "azurite.js");
}

function spawnAzurite(ports: { blob: number; queue: number; table: number }, options: StartAzuriteOptions): ChildProcess {
  const args = [azuriteEntryFile(), "--disableTelemetry", "--skipApiVersionCheck", "--silent"];
  if (options.inMemory) args.unshift("--import", parentWatchdog(process.pid));
  for (const service of ["blob", "queue", "table"] as const) {
    args.push(`--${service}Host`, "127.0.0.1", `--${service}Port`, String(ports[service]));
  }
  let cwd = os.tmpdir();
  if (options.inMemory) {
    // Azurite would otherwise allow itself half of the machine's memory.
    args.push("--inMemoryPersistence", "--extentMemoryLimit", "256");
  } else {
    const location = path.resolve(options.location ?? ".azurite");
    mkdirSync(location, { recursive: true });
    args.push("--location", location);
    cwd = location;
  }
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  if (!options.quiet) {
    child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(`[azurite] ${chunk.toString()}`));
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[azurite] ${chunk.toString()}`));
  } else {
    // Drain the pipes so a chatty Azurite never blocks on a full buffer.
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return child;
}

/**
 * A preload for the child that exits once this process is gone: an in-memory Azurite left behind by
 * a killed test run holds nothing worth keeping. On-disk ones outlive us on purpose (npm start reuses them).
 */
function parentWatchdog(parentPid: number): string {
  const code = `const p=${parentPid};setInterval(()=>{try{process.kill(p,0)}catch{process.exit(0)}},1000).unref();`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/[^:\s]+:(\d+)/g;

function waitForPorts(child: ChildProcess, timeoutMs: number): Promise<{ blob: number; queue: number; table: number }> {
  return new Promise((resolve, reject) => {
    const found: Partial<Record<"blob" | "queue" | "table", number>> = {};
    let output = "";
    const timer = setTimeout(() => finish(new Error(`Azurite did not start within ${timeoutMs} ms: ${tail(output)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const m of output.matchAll(LISTENING)) {
        found[m[1]!.toLowerCase() as "blob" | "queue" | "table"] = Number(m[2]);
      }
      if (found.blob !== undefined && found.queue !== undefined && found.table !== undefined) {
        finish(undefined, { blob: found.blob, queue: found.queue, table: found.table });
      }
    };
    const onExit = (code: number | null) => finish(new Error(`Azurite exited (code ${code}) before listening: ${tail(output)}`));
    function finish(error?: Error, ports?: { blob: number; queue: number; table: number }) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(ports!);
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

function tail(text: string): string {
  return text.trim().split("\n").slice(-5).join(" | ");
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function waitForHttp(port: number, attempts = 50): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path: `/${DEV_ACCOUNT}`, timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.once("error", () => resolve(false));
      req.once("timeout", () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite on port ${port} does not answer HTTP.`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
