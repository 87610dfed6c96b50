import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isM365Error } from "../../shared/m365/m365-error";
import type { M365GatewayFactory } from "../../shared/m365/m365-gateway";
import { ContractSim } from "./sim-harness";
import type { SimCall } from "./sim-harness";

/**
 * A call the client had already sent when the simulator answered another call 429 reaches the
 * simulator (and its log) a little after that 429: nothing the client does can stop it. On a warm
 * connection pool, with the simulator on this process's event loop, such calls land within about
 * 10 ms of the 429 on a quiet machine, but over 50 ms when the whole suite loads both cores. 250 ms
 * is the allowance: only calls inside it are excused, and the Retry-After is at least a second.
 */
const IN_FLIGHT_GRACE_MS = 250;
/** How long the concurrent readers keep calling. */
const RUN_MS = 5_000;
/**
 * Concurrent readers per service; each is a stage re-run by the queue after a throttled failure.
 * Two per service (four on the tenant's shared bucket) keep a 429 contested while keeping the calls
 * in flight at that moment few, so a loaded machine does not spread them past the grace.
 */
const READERS_PER_SERVICE = 2;

let sim: ContractSim;
beforeAll(async () => {
  sim = await ContractSim.start();
});
afterAll(async () => sim?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Service = "graph" | "exchange";
const serviceOf = (operation: string): Service | null => {
  if (operation.startsWith("InvokeCommand")) return "exchange";
  if (/^(GET|POST|PATCH) \/(v1\.0|beta)\//.test(operation) || operation.startsWith("$batch")) return "graph";
  return null;
};

/** Calls of one service that arrived after a 429 of that service and before its Retry-After ran out. */
function earlyCalls(log: SimCall[], service: Service): Array<{ throttled: SimCall; early: SimCall; afterMs: number }> {
  const calls = log.filter((c) => serviceOf(c.operation) === service);
  const early: Array<{ throttled: SimCall; early: SimCall; afterMs: number }> = [];
  for (const throttled of calls.filter((c) => c.status === 429)) {
    const at = Date.parse(throttled.at);
    for (const c of calls) {
      const afterMs = Date.parse(c.at) - at;
      if (c !== throttled && afterMs > IN_FLIGHT_GRACE_MS && afterMs < throttled.retryAfterMs!) early.push({ throttled, early: c, afterMs });
    }
  }
  return early;
}

/** One reader: reads in a loop through a fresh forTenant (as the worker does per stage), re-running soon after a throttled failure. */
async function reader(factory: M365GatewayFactory, tenantId: string, service: Service, until: number, outcomes: string[]): Promise<void> {
  while (Date.now() < until) {
    const gw = factory.forTenant(tenantId);
    try {
      await (service === "graph" ? gw.graph.getSecurityDefaultsEnabled() : gw.exchange.getOrgSmtpAuthDisabled());
      outcomes.push("ok");
    } catch (e) {
      if (!isM365Error(e) || e.kind !== "throttled") throw e;
      outcomes.push(e.code === "TenantThrottled" ? "not-sent" : "throttled");
      // Re-run sooner than Retry-After on purpose: the gate, not this loop, must keep the calls away.
      await sleep(100);
    }
  }
}

describe("per-tenant throttle gate against the simulator", () => {
  it("sends no call to a tenant's service between a 429 and the end of its Retry-After, across concurrent readers", async () => {
    const { tenantId } = await sim.createTenant({ mailboxes: 1 });
    // No in-call retries: each 429 goes straight back to its reader, which re-runs 100 ms later, so
    // only the gate (not a call waiting out its own Retry-After) can keep the tenant's calls away.
    const factory = sim.factory({ policy: { maxRetries: 0 } });
    const warm = factory.forTenant(tenantId);
    // Tokens and keep-alive connections first, so the burst below measures the gate, not TLS handshakes.
    await Promise.all(Array.from({ length: READERS_PER_SERVICE }, () => Promise.all([warm.graph.getSecurityDefaultsEnabled(), warm.exchange.getOrgSmtpAuthDisabled()])));
    await sim.control("PUT", "/_sim/faults", { throttle: { requestsPer10s: 20 } });
    await sim.control("DELETE", "/_sim/calls");

    const outcomes: string[] = [];
    const until = Date.now() + RUN_MS;
    await Promise.all(
      (["graph", "exchange"] as const).flatMap((service) =>
        Array.from({ length: READERS_PER_SERVICE }, (_, i) => sleep(i * 150).then(() => reader(factory, tenantId, service, until, outcomes))),
      ),
    );
    await sim.control("PUT", "/_sim/faults", {});

    const log = await sim.callLog(tenantId);
    for (const service of ["graph", "exchange"] as const) {
      const throttled = log.filter((c) => serviceOf(c.operation) === service && c.status === 429);
      expect(throttled.length, `${service} was never throttled: the test proves nothing`).toBeGreaterThan(0);
      for (const t of throttled) expect(t.retryAfterMs).toBeGreaterThanOrEqual(1_000);
      expect(earlyCalls(log, service)).toEqual([]);
    }
    expect(outcomes).toContain("ok");
  });
});
