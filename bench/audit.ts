import { fork } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureCertificate } from "../dev/sim/certificate";
import { startSimulator } from "../dev/sim/start-simulator";
import { exceptionId } from "../shared/audit/exception-record";
import type { ExceptionRecord } from "../shared/audit/exception-record";
import { runAudit } from "../shared/audit/run-audit";
import { resolveTenantPolicy } from "../shared/domain/tenant-policy";
import { createM365GatewayFactory } from "../shared/m365/gateway-factory";
import { memoryExceptions, memoryRuns } from "./audit-memory-stores";
import { certDir, controlClient, restartTrusting } from "./bench-sim";

/**
 * `npm run bench:audit -- --mailboxes 100000 [--weakened 1000]`: one audit of a simulated tenant
 * of that size, with `weakened` mailboxes having SMTP AUTH on (half of them under an exception);
 * `--org-open` turns the organisation flag on as well, so every mailbox is effectively open.
 * The simulator runs in a child process so the peak memory printed is the audit's process alone.
 * Prints one JSON line: {"mailboxes","weakened","calls","seconds","peakRssMb","budget"}.
 */
const TENANT_ID = "bench0000-0000-4000-8000-000000000001";
const DOMAIN = "bench.example.com";

async function main(): Promise<void> {
  if (process.argv.includes("--serve-sim")) return serveSimulator();
  const { values } = parseArgs({ options: { mailboxes: { type: "string", default: "100000" }, weakened: { type: "string", default: "1000" }, verbose: { type: "boolean", default: false }, "org-open": { type: "boolean", default: false } }, strict: false });
  const mailboxes = Number(values.mailboxes);
  const weakened = Math.min(Number(values.weakened), mailboxes);
  if (!Number.isInteger(mailboxes) || mailboxes < 1 || !Number.isInteger(weakened) || weakened < 0) throw new Error("--mailboxes and --weakened take whole numbers");

  // Node reads NODE_EXTRA_CA_CERTS only at start: unless it names the simulator's certificate, start again trusting it.
  const certPath = (await ensureCertificate(certDir())).certPath;
  if (process.env.NODE_EXTRA_CA_CERTS !== certPath) return restartTrusting(__filename, certPath);

  const sim = fork(__filename, ["--serve-sim"], { env: process.env, stdio: ["ignore", "ignore", "inherit", "ipc"] });
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      sim.once("message", (m) => resolve(String((m as { baseUrl: string }).baseUrl)));
      sim.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
    });
    const control = controlClient(baseUrl);
    await control("POST", "/_sim/tenants", { tenantId: TENANT_ID, domain: DOMAIN, mailboxes, orgSmtpAuthDisabled: values["org-open"] !== true });
    const weakenedUpns = spread(weakened, mailboxes).map((i) => `user${String(i + 1).padStart(6, "0")}@${DOMAIN}`);
    await inBatches(weakenedUpns, 25, (upn) => control("PUT", `/_sim/tenants/${TENANT_ID}/mailboxes/${upn}`, { smtpClientAuthenticationDisabled: false }));
    const exceptions = weakenedUpns.filter((_, i) => i % 2 === 0).map((upn) => benchException(upn));

    const gateways = createM365GatewayFactory({
      M365_AUTHORITY_HOST: baseUrl, GRAPH_BASE_URL: baseUrl, EXCHANGE_BASE_URL: baseUrl,
      M365_CLIENT_ID: "sim-client", M365_CLIENT_SECRET: "sim-secret", M365_TIMEOUT_MS: 60_000,
    }).forTenant(TENANT_ID);
    await control("DELETE", "/_sim/calls");
    const started = process.hrtime.bigint();
    const result = await runAudit(
      { tenantId: TENANT_ID, runId: "bench", requestedAt: new Date().toISOString(), policy: resolveTenantPolicy(undefined) },
      { gateways, exceptions: memoryExceptions(exceptions), runs: memoryRuns(), enqueueNote: async () => {}, recordEvent: async () => {} },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const counted = await control<{ total: number; byOperation: Record<string, number> }>("GET", "/_sim/calls");
    const calls = counted.total;
    if (values.verbose) process.stderr.write(`${JSON.stringify(counted.byOperation)}\n`);
    if (result.run.summary?.mailboxes !== mailboxes) throw new Error(`audited ${result.run.summary?.mailboxes} mailboxes, expected ${mailboxes}`);
    const budget = Math.ceil(mailboxes / 1000) + Math.ceil(mailboxes / 999) + Math.ceil(weakened / 20) + 25;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${JSON.stringify({ mailboxes, weakened, calls, seconds: Number(seconds.toFixed(2)), peakRssMb, budget })}\n`);
  } finally {
    sim.kill();
  }
}

async function serveSimulator(): Promise<void> {
  const sim = await startSimulator({ port: 0, smtpPort: 0, certDir: certDir() });
  process.send?.({ baseUrl: sim.baseUrl });
  process.on("disconnect", () => void sim.close().then(() => process.exit(0)));
}




/** `count` indexes spread evenly over `size`, so weakened mailboxes land on every page. */
function spread(count: number, size: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor((i * size) / count));
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function benchException(upn: string): ExceptionRecord {
  const grantedAt = new Date(Date.now() - 10 * 86_400_000);
  return {
    id: exceptionId(`bench-${upn}`, "mailbox-smtp-auth"), tenantId: TENANT_ID, subject: upn, setting: "mailbox-smtp-auth", valueApplied: "false",
    requestId: `bench-${upn}`, grantedAt: grantedAt.toISOString(), expiresAt: new Date(grantedAt.getTime() + 180 * 86_400_000).toISOString(),
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:audit failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
