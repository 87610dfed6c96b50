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

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2), process.env);
  const host: LocalHost = await startLocalHost(port === undefined ? {} : { port });
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
