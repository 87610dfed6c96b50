import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earlyCalls, peakConcurrentPerTenant, serviceOf, type LoggedCall } from "../../bench/call-log-figures";
import { runNightlyAudit, seedEstate, waitForEstateAudits } from "../../bench/estate-tenants";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";

const TENANTS = 6;
const AUDIT_CONCURRENCY = 3;

/** The most tenants whose audits had calls in flight at once: each tenant spans its first call's arrival to its last answer. */
function peakTenantsAtOnce(log: readonly LoggedCall[]): number {
  const spans = new Map<string, [number, number]>();
  for (const call of log) {
    if (call.tenantId === null || serviceOf(call.operation) === "other") continue;
    const [from, to] = spans.get(call.tenantId) ?? [Infinity, -Infinity];
    spans.set(call.tenantId, [Math.min(from, Date.parse(call.receivedAt)), Math.max(to, Date.parse(call.at))]);
  }
  const edges = [...spans.values()].flatMap(([from, to]): Array<[number, number]> => [[from, 1], [to, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (current += delta));
  return peak;
}

describe("the nightly audit of an estate", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ settings: { AUDIT_CONCURRENCY: String(AUDIT_CONCURRENCY) } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("audits AUDIT_CONCURRENCY tenants at once through the queue, and no call goes to a tenant before its Retry-After", async () => {
    const estate = await seedEstate(stack, TENANTS, 1_500);
    // Exchange at its real pace, and each tenant throttled so that some reads get a 429 with Retry-After.
    await stack.simApi("/_sim/faults", { method: "PUT", body: { graphLatencyMs: 100, exchangeLatencyMs: 600, throttle: { requestsPer10s: 8 } } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    try {
      await runNightlyAudit(stack);
      const progress = await waitForEstateAudits(stack, estate, Date.now() + 40_000, () => {}, 500);
      const { body } = await stack.simApi<{ log: LoggedCall[] }>("/_sim/calls?log=1");
      expect(progress.done).toBe(TENANTS);
      expect(body.log.filter((c) => c.status === 429).length).toBeGreaterThan(0); // the throttle really was in force
      expect(earlyCalls(body.log)).toEqual([]);
      // In parallel, yet never more tenants than the setting allows.
      expect(peakTenantsAtOnce(body.log)).toBeGreaterThanOrEqual(2);
      expect(peakTenantsAtOnce(body.log)).toBeLessThanOrEqual(AUDIT_CONCURRENCY);
      // One tenant's reads fan out at most this wide: the tenant-wide reads beside one CAS page.
      expect(peakConcurrentPerTenant(body.log)).toBeLessThanOrEqual(7);
    } finally {
      await stack.simApi("/_sim/faults", { method: "PUT", body: {} });
    }
  }, 60_000);
});
