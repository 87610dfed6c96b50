import { FAST_SETTINGS, startLocalStack, waitForTerminal, type LocalStack } from "../dev/local-stack";
import { numberFlag } from "./flags";

/**
 * `npm run bench:worker -- [--requests 100] [--latency 50] [--concurrency 20]`: remediations through
 * the local host and the step worker against the simulator with the given latency on every Graph
 * and Exchange call. Prints one JSON line with throughput and API calls per remediation.
 */
async function seed(stack: LocalStack, tenantId: string, domain: string, n: number): Promise<string[]> {
  await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true } });
  const mailboxes = Array.from({ length: n }, (_, i) => `device${String(i).padStart(4, "0")}@${domain}`);
  for (const upn of mailboxes) {
    await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true } });
  }
  // A device fleet the tenant lets the product fix on its own (SMTP flag and per-user MFA), the whole run's worth a day.
  const policy = { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: [`device*@${domain}`], maxAutomaticPerDay: 10_000 };
  await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy } });
  return mailboxes;
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

async function main(): Promise<void> {
  const requests = numberFlag("requests", 100);
  const latencyMs = numberFlag("latency", 50);
  const concurrency = numberFlag("concurrency", 20);
  process.stderr.write(`bench:worker: ${requests} remediations, ${latencyMs} ms latency per Microsoft 365 call...\n`);
  const stack = await startLocalStack({ settings: FAST_SETTINGS });
  try {
    const mailboxes = await seed(stack, "bench-worker", "bench.example", requests);
    await stack.simApi("/_sim/faults", { method: "PUT", body: { latencyMs } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const started = Date.now();
    const ids = await inBatches(mailboxes, concurrency, async (mailbox) => (await stack.api("/api/remediations", { method: "POST", body: { mailbox } })).body.id as string);
    const accepted = Date.now();
    const results = await inBatches(ids, concurrency, (id) => waitForTerminal(stack, id, 600_000));
    const seconds = (Date.now() - started) / 1000;
    const calls = (await stack.simApi("/_sim/calls")).body as { total: number; byOperation: Record<string, number> };
    const m365Calls = Object.entries(calls.byOperation).filter(([op]) => !/oauth2|openid/.test(op)).reduce((n, [, c]) => n + c, 0);
    const succeeded = results.filter((r) => r.status === "succeeded").length;
    console.log(
      JSON.stringify({
        requests,
        succeeded,
        latencyMs,
        seconds: Number(seconds.toFixed(2)),
        acceptSeconds: Number(((accepted - started) / 1000).toFixed(2)),
        requestsPerSecond: Number((requests / seconds).toFixed(2)),
        callsPerRemediation: Number((m365Calls / requests).toFixed(2)),
        tokenCalls: calls.total - m365Calls,
        byOperation: Object.fromEntries(Object.entries(calls.byOperation).map(([op, c]) => [op, Number((c / requests).toFixed(2))])),
      }),
    );
    process.exitCode = succeeded === requests ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:worker failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
