import { startLocalHost } from "./local-host";
import type { LocalHost } from "./local-host";

/**
 * `node dist/dev/host/main.js [--port N]`: the local Functions host in the foreground.
 * The port comes from --port, else LOCAL_HOST_PORT, else local.settings Host.LocalHttpPort, else 7071.
 */
export function parsePort(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): number | undefined {
  const flag = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const raw = flag < 0 ? env.LOCAL_HOST_PORT : argv[flag]!.includes("=") ? argv[flag]!.split("=")[1] : argv[flag + 1];
  if (raw === undefined || raw === "") return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port "${raw}".`);
  return port;
}

/**
 * The local queues' lock length and idle poll. In Azure the lock is a property of the Service Bus
 * queue (infra sets it); locally these settings stand in for it, and tests shorten them.
 */
export function queueOptionsFrom(env: Readonly<Record<string, string | undefined>>): { lockSeconds?: number; idlePollMs?: number } {
  const read = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0, not "${raw}".`);
    return value;
  };
  const lockSeconds = read("LOCAL_QUEUE_LOCK_SECONDS");
  const idlePollMs = read("LOCAL_QUEUE_IDLE_POLL_MS");
  return { ...(lockSeconds ? { lockSeconds } : {}), ...(idlePollMs ? { idlePollMs } : {}) };
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2), process.env);
  const host: LocalHost = await startLocalHost({ ...(port === undefined ? {} : { port }), queue: queueOptionsFrom(process.env) });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: stopping the host (waiting for running functions)...`);
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`Host failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
