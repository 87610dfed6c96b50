import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startLocalStack } from "../dev/local-stack";
import { earlyCalls, earlyRetries, m365Calls, peakConcurrentPerTenant, type LoggedCall } from "./call-log-figures";
import { auditCallsFloor } from "./estate-floor";
import { runNightlyAudit, seedEstate, waitForEstateAudits } from "./estate-tenants";
import { numberFlag, seconds } from "./flags";

/**
 * `npm run bench:estate -- --tenants T --mailboxes M --graph-latency-ms G --exchange-latency-ms E
 * [--throttle-per-10s B] [--audit-concurrency C] [--timeout-s S]`: the nightly audit of an MSP's estate on this machine.
 * T simulated tenants of M mailboxes each are onboarded through the local host; then the timer runs
 * (`POST /admin/functions/nightlyAudit`), one message per tenant goes through the audit queue to the
 * audit workers, and the simulator answers Graph and Exchange with their latency (and, with B, a
 * per-tenant throttle). C overrides the AUDIT_CONCURRENCY setting (default: the app's own). Prints one
 * JSON line; progress goes to stderr.
 */
async function main(): Promise<void> {
  const tenants = numberFlag("tenants", 300, { min: 1, max: 2_000 });
  const mailboxes = numberFlag("mailboxes", 3_000, { min: 0, max: 100_000 });
  const graphLatencyMs = numberFlag("graph-latency-ms", 200, { max: 30_000 });
  const exchangeLatencyMs = numberFlag("exchange-latency-ms", 1_500, { max: 30_000 });
  const throttlePer10s = numberFlag("throttle-per-10s", 0, { max: 100_000 });
  const timeoutS = numberFlag("timeout-s", 1_200, { min: 10, max: 7_200 });
  const auditConcurrency = numberFlag("audit-concurrency", 0, { max: 64 });
  process.stderr.write(`bench:estate: ${tenants} tenants of ${mailboxes} mailboxes; Graph ${graphLatencyMs} ms, Exchange ${exchangeLatencyMs} ms${throttlePer10s ? `, ${throttlePer10s} requests per 10 s per tenant` : ""}...\n`);
  const stack = await startLocalStack({
    // Production timing for everything but the audit: the sweep and the verification timer stay out of its way.
    settings: {
      STEP_LEASE_MS: "60000",
      STUCK_AFTER_MS: "600000",
      SWEEP_SCHEDULE: "0 */5 * * * *",
      VERIFY_SCHEDULE: "0 */5 * * * *",
      ...(auditConcurrency ? { AUDIT_CONCURRENCY: String(auditConcurrency) } : {}),
    },
  });
  // The simulator runs in this process: a late event loop logs a call's arrival late (see earlyCalls).
  const simLag = monitorEventLoopDelay({ resolution: 20 });
  try {
    const estate = await seedEstate(stack, tenants, mailboxes);
    process.stderr.write(`bench:estate: ${tenants} tenants onboarded; running the nightly audit\n`);
    await stack.simApi("/_sim/faults", { method: "PUT", body: { graphLatencyMs, exchangeLatencyMs, ...(throttlePer10s ? { throttle: { requestsPer10s: throttlePer10s } } : {}) } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const started = Date.now();
    simLag.enable();
    await runNightlyAudit(stack);
    const progress = await waitForEstateAudits(stack, estate, started + timeoutS * 1000, (p) => process.stderr.write(`bench:estate: ${p.done}/${p.total} tenants audited (${seconds(Date.now() - started)} s)\n`), 3_000);
    const finishedAt = Math.max(...[...progress.audited.values()].map((run) => Date.parse(run.completedAt)), started);
    const { body: calls } = await stack.simApi<{ total: number; log: LoggedCall[] }>("/_sim/calls?log=1");
    const runs = [...progress.audited.values()];
    const early = earlyCalls(calls.log);
    for (const call of early.slice(0, 5)) process.stderr.write(`bench:estate: early call: ${call.operation} to ${call.tenantId} arrived ${call.receivedAt}\n`);
    console.log(JSON.stringify({
      tenants,
      mailboxes,
      seconds: seconds(finishedAt - started),
      calls: m365Calls(calls.log),
      callsFloor: auditCallsFloor(tenants, mailboxes),
      earlyCalls: early.length,
      earlyRetries: earlyRetries(calls.log).length,
      peakRssMb: peakRssMb(stack.host.child.pid),
      audited: progress.done,
      fullyRead: runs.filter((run) => run.summary.unknown === 0 && run.summary.mailboxes === mailboxes).length,
      graphLatencyMs,
      exchangeLatencyMs,
      throttledCalls: calls.log.filter((c) => c.status === 429).length,
      peakConcurrentPerTenant: peakConcurrentPerTenant(calls.log),
      tokenCalls: calls.log.length - m365Calls(calls.log),
      callLogComplete: calls.log.length === calls.total,
      simLoopLagMaxMs: Math.round(simLag.max / 1e6),
      benchPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }));
    process.exitCode = progress.done === tenants ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

/** The host's peak resident memory (Linux VmHWM): the process that runs the audit workers. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

main().catch((e: unknown) => {
  console.error(`bench:estate failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
