import { existsSync } from "node:fs";
import { createServer } from "node:https";
import path from "node:path";
import { ensureCertificate } from "./certificate";
import { createSmtpSubmissionServer } from "./smtp/smtp-submission";
import { createHveSmtpServer } from "./smtp/smtp-hve";
import { createInboundSmtpServer } from "./smtp/smtp-inbound";
import type { SMTPServer } from "smtp-server";
import { dispatch } from "./http/dispatch";
import { readBody, writeResponse } from "./http/sim-http";
import { SimulatorState } from "./state/simulator-state";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Where the simulator listens by default (DESIGN.md). */
export const DEFAULT_PORT = 7080;
export const DEFAULT_SMTP_PORT = 2587;
/** High Volume Email's endpoint, and the tenants' anonymous MX endpoint (Direct Send, connectors). */
export const DEFAULT_HVE_SMTP_PORT = 2588;
export const DEFAULT_INBOUND_SMTP_PORT = 2525;

/** Options for startSimulator; port 0 picks a free port. */
export interface StartSimulatorOptions {
  port?: number;
  smtpPort?: number;
  hveSmtpPort?: number;
  inboundSmtpPort?: number;
  host?: string;
  /** Where cert.pem/key.pem are kept; default `<repo>/.sim`. */
  certDir?: string;
  /** No request logging on stderr (the default; kept for the CLI). */
  quiet?: boolean;
}

/** A running simulator. */
export interface RunningSimulator {
  /** https://127.0.0.1:PORT */
  baseUrl: string;
  port: number;
  smtpPort: number;
  /** smtp.hve.mx.microsoft:587's stand-in: HVE accounts' credentials. */
  hveSmtpPort: number;
  /** The tenants' MX endpoint: anonymous mail, Direct Send or a connector's relay. */
  inboundSmtpPort: number;
  caCertPath: string;
  /** The in-process state, for tests in the same process. */
  state: SimulatorState;
  close(): Promise<void>;
}

/** Starts the HTTPS surfaces (identity, Graph, Exchange, control) and SMTP submission. */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? "127.0.0.1";
  const certificate = await ensureCertificate(options.certDir ?? path.join(repoRoot(), ".sim"));
  const state = new SimulatorState();
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    void serve(state, req, res, options.quiet ?? true);
  });
  server.keepAliveTimeout = 5_000;
  const port = await listen((p, h, ready) => server.listen(p, h, ready), () => server.address() as AddressInfo, server, options.port ?? DEFAULT_PORT, host);
  const smtp = createSmtpSubmissionServer(state, certificate);
  const hve = createHveSmtpServer(state, certificate);
  const inbound = createInboundSmtpServer(state, certificate);
  const started: SMTPServer[] = [];
  const listenSmtp = async (smtpServer: SMTPServer, port: number): Promise<number> => {
    const bound = await listen((p, h, ready) => smtpServer.listen(p, h, ready), () => smtpServer.server.address() as AddressInfo, smtpServer.server, port, host);
    started.push(smtpServer);
    return bound;
  };
  let smtpPort: number;
  let hveSmtpPort: number;
  let inboundSmtpPort: number;
  try {
    smtpPort = await listenSmtp(smtp, options.smtpPort ?? DEFAULT_SMTP_PORT);
    // Free ports for the submission endpoint (tests) mean free ports for the other two as well.
    const pick = (given: number | undefined, fallback: number): number => given ?? (options.smtpPort === 0 ? 0 : fallback);
    hveSmtpPort = await listenSmtp(hve, pick(options.hveSmtpPort, DEFAULT_HVE_SMTP_PORT));
    inboundSmtpPort = await listenSmtp(inbound, pick(options.inboundSmtpPort, DEFAULT_INBOUND_SMTP_PORT));
  } catch (error) {
    await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), ...started.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))]);
    throw error;
  }
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    baseUrl: `https://${urlHost}:${port}`,
    port,
    smtpPort,
    hveSmtpPort,
    inboundSmtpPort,
    caCertPath: certificate.certPath,
    state,
    async close() {
      server.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        ...started.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      ]);
    },
  };
}

async function serve(state: SimulatorState, req: IncomingMessage, res: ServerResponse, quiet: boolean): Promise<void> {
  try {
    const body = await readBody(req);
    const response = await dispatch(state, req, body);
    if (!quiet) process.stderr.write(`${req.method} ${req.url} -> ${response.status}\n`);
    writeResponse(res, response);
  } catch (error) {
    // A bug in one handler answers 500 for that request instead of taking the simulator down.
    const message = error instanceof Error ? error.message : String(error);
    if (!res.headersSent) writeResponse(res, { status: 500, body: { error: { code: "SimulatorError", message } } });
    else res.destroy();
  }
}

/** The nearest folder above this file with a package.json (works from dev/ and from dist/dev/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function listen(
  start: (port: number, host: string, ready: () => void) => void,
  address: () => AddressInfo,
  emitter: NodeJS.EventEmitter,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    emitter.once("error", onError);
    start(port, host, () => {
      emitter.off("error", onError);
      resolve(address().port);
    });
  });
}
