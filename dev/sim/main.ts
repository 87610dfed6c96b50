import { DEFAULT_PORT, DEFAULT_SMTP_PORT, startSimulator } from "./start-simulator";

/** Reads `--name value` or `--name=value` as a port number. */
function portFlag(args: readonly string[], name: string, fallback: number): number {
  const index = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (index < 0) return fallback;
  const arg = args[index] ?? "";
  const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} needs a port number, got '${raw ?? ""}'`);
  return port;
}

/** `npm run sim`: starts the simulator and keeps it running until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = portFlag(args, "--port", DEFAULT_PORT);
  const smtpPort = portFlag(args, "--smtp-port", DEFAULT_SMTP_PORT);
  let sim;
  try {
    sim = await startSimulator({ port, smtpPort, quiet: !args.includes("--verbose") });
  } catch (error) {
    const { code, port: busy } = error as NodeJS.ErrnoException & { port?: number };
    if (code === "EADDRINUSE") {
      const which = busy === smtpPort && busy !== port ? `SMTP port ${smtpPort}` : `port ${busy ?? port}`;
      process.stderr.write(`The simulator cannot start: ${which} is already in use (is the simulator already running?). Use --port / --smtp-port to pick others.\n`);
      process.exit(1);
    }
    throw error;
  }
  process.stdout.write(
    [
      `Microsoft 365 simulator listening on ${sim.baseUrl}`,
      `  control API:  ${sim.baseUrl}/_sim/  (see dev/sim/README.md)`,
      `  SMTP:         127.0.0.1:${sim.smtpPort} (STARTTLS, AUTH LOGIN/PLAIN/XOAUTH2)`,
      `  HVE SMTP:     127.0.0.1:${sim.hveSmtpPort} (STARTTLS, AUTH LOGIN/PLAIN with an HVE account)`,
      `  MX (inbound): 127.0.0.1:${sim.inboundSmtpPort} (anonymous: Direct Send, or relay through an inbound connector)`,
      `  CA cert:      ${sim.caCertPath}`,
      `  trust it:     export NODE_EXTRA_CA_CERTS=${sim.caCertPath}`,
      "",
    ].join("\n"),
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
