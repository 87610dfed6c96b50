/**
 * Scale benchmark for the Exchange client: a 100,000-mailbox simulated tenant paged through
 * `ExchangeGateway.listCasMailboxes`. Prints one JSON line:
 * {mailboxes, createSeconds, pageSeconds, pages, calls, peakRssMb, simPeakRssMb}.
 * peakRssMb is the client process (which holds only the ids it has seen); simPeakRssMb the simulator's.
 *
 * The simulator's certificate must be trusted through NODE_EXTRA_CA_CERTS, which Node reads only at
 * start, so this script starts the simulator and re-runs itself as the client with it set.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSimulator } from "../dev/sim/start-simulator";
import { createM365GatewayFactory } from "../shared/m365/gateway-factory";

const CLIENT_FLAG = "--client";
const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 100_000);

const elapsedSeconds = (since: bigint): number => Number((process.hrtime.bigint() - since) / 1_000_000n) / 1000;
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function control(baseUrl: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** The client half: create the tenant, page every mailbox, report. */
async function runClient(baseUrl: string): Promise<void> {
  const tenantId = randomUUID();
  const createStart = process.hrtime.bigint();
  await control(baseUrl, "POST", "/_sim/tenants", { tenantId, domain: "scale.example.com", mailboxes: MAILBOXES });
  const createSeconds = elapsedSeconds(createStart);

  const factory = createM365GatewayFactory({
    M365_AUTHORITY_HOST: baseUrl,
    GRAPH_BASE_URL: baseUrl,
    EXCHANGE_BASE_URL: baseUrl,
    M365_CLIENT_ID: "sim-client",
    M365_CLIENT_SECRET: "sim-secret",
    M365_TIMEOUT_MS: 30_000,
  });
  const { exchange } = factory.forTenant(tenantId);
  await control(baseUrl, "DELETE", "/_sim/calls");
  const pageStart = process.hrtime.bigint();
  let pages = 0;
  let mailboxes = 0;
  for await (const page of exchange.listCasMailboxes()) {
    pages++;
    mailboxes += page.length;
  }
  const pageSeconds = elapsedSeconds(pageStart);
  const calls = (await control(baseUrl, "GET", "/_sim/calls")) as { total: number };
  process.stdout.write(`${JSON.stringify({ mailboxes, createSeconds, pageSeconds, pages, calls: calls.total, peakRssMb: peakRssMb() })}\n`);
}

/** The simulator half: serve, run the client with the certificate trusted, add the simulator's memory. */
async function runBenchmark(): Promise<void> {
  const certDir = path.resolve(process.cwd(), ".sim", "bench");
  const sim = await startSimulator({ port: 0, smtpPort: 0, certDir });
  try {
    const bundle = path.join(certDir, "trusted-bundle.pem");
    const existing = process.env.NODE_EXTRA_CA_CERTS;
    const parts = [readFileSync(sim.caCertPath, "utf8")];
    if (existing && existsSync(existing) && existing !== bundle) parts.unshift(readFileSync(existing, "utf8"));
    writeFileSync(bundle, parts.join("\n"));
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [__filename, CLIENT_FLAG, sim.baseUrl],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: bundle }, maxBuffer: 1024 * 1024 },
        (error, out, err) => (error ? reject(new Error(`client failed: ${err || error.message}`)) : resolve(out)),
      );
    });
    const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
    process.stdout.write(`${JSON.stringify({ ...result, simPeakRssMb: peakRssMb() })}\n`);
  } finally {
    await sim.close();
  }
}

const clientAt = process.argv.indexOf(CLIENT_FLAG);
const run = clientAt >= 0 ? runClient(process.argv[clientAt + 1] ?? "") : runBenchmark();
run.catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
