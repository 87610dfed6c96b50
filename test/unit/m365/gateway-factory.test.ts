import { describe, expect, it } from "vitest";
import { createM365GatewayFactory } from "../../../shared/m365/gateway-factory";
import type { M365Settings } from "../../../shared/m365/gateway-factory";
import { fakeFetch, fixedCredential, json } from "./fake-fetch";
import type { Responder } from "./fake-fetch";

const BASE = "https://127.0.0.1:7080";
const settings: M365Settings = {
  M365_AUTHORITY_HOST: BASE,
  GRAPH_BASE_URL: BASE,
  EXCHANGE_BASE_URL: BASE,
  M365_CLIENT_ID: "sim-client",
  M365_CLIENT_SECRET: "sim-secret",
  M365_TIMEOUT_MS: 5_000,
};

/** A factory over a fake network with a pinned clock whose sleep moves time on (after an optional hook). */
function factory(responder: Responder) {
  let now = 0;
  const waits: number[] = [];
  const sentAt: number[] = [];
  const duringSleep: Array<() => void> = [];
  const fake = fakeFetch((req, i, signal) => {
    sentAt.push(now);
    return responder(req, i, signal);
  });
  const credential = fixedCredential();
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms);
    duringSleep.shift()?.();
    now += ms;
  };
  const gateways = createM365GatewayFactory(settings, {
    fetch: fake.fetch,
    credentials: { forTenant: () => credential },
    policy: { now: () => now, sleep },
  });
  return { gateways, seen: fake.seen, waits, sentAt, duringNextSleep: (fn: () => void) => void duringSleep.push(fn) };
}

const throttledFor = (seconds: number) =>
  json(429, { error: { code: "TooManyRequests", message: "Too many requests." } }, { "Retry-After": String(seconds) });

const cas = { value: [{ Identity: "a", PrimarySmtpAddress: "a@x", ExternalDirectoryObjectId: "id-a", SmtpClientAuthenticationDisabled: false }] };

describe("createM365GatewayFactory", () => {
  it("hands out the same gateways for a tenant on every ask", () => {
    const { gateways } = factory(() => json(200, {}));
    expect(gateways.forTenant("t1")).toBe(gateways.forTenant("t1"));
    expect(gateways.forTenant("t2")).not.toBe(gateways.forTenant("t1"));
  });

  it("keeps a tenant's Graph throttled across forTenant calls: the next stage fails without calling", async () => {
    const { gateways, seen } = factory(() => throttledFor(60));
    await expect(gateways.forTenant("t1").graph.getSecurityDefaultsEnabled()).rejects.toMatchObject({ kind: "throttled", status: 429 });
    expect(seen).toHaveLength(1);
    const error = await gateways.forTenant("t1").graph.getUser("a@x").catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "throttled", code: "TenantThrottled", retryAfterMs: 60_000 });
    expect(seen).toHaveLength(1);
  });

  it("lets the same tenant's Exchange and another tenant's Graph go on while one tenant's Graph is throttled", async () => {
    const { gateways, seen } = factory((req, i) => {
      if (i === 0) return throttledFor(60);
      return req.url.includes("InvokeCommand") ? json(200, cas) : json(200, { isEnabled: false });
    });
    await expect(gateways.forTenant("t1").graph.getSecurityDefaultsEnabled()).rejects.toMatchObject({ status: 429 });
    expect((await gateways.forTenant("t1").exchange.getCasMailbox("a@x"))?.identity).toBe("a");
    expect(await gateways.forTenant("t2").graph.getSecurityDefaultsEnabled()).toBe(false);
    expect(seen).toHaveLength(3);
  });

  it("makes a call started while another waits out its 429 wait the same Retry-After at the gate", async () => {
    const { gateways, seen, waits, sentAt, duringNextSleep } = factory((_req, i) => (i === 0 ? throttledFor(2) : json(200, { isEnabled: true })));
    const gw = gateways.forTenant("t1");
    let second: Promise<boolean> | undefined;
    duringNextSleep(() => (second = gw.graph.getSecurityDefaultsEnabled()));
    expect(await gw.graph.getSecurityDefaultsEnabled()).toBe(true);
    expect(await second).toBe(true);
    // The first call's in-call retry waits its 2 s; the second found the gate closed and waited 2 s too.
    expect(waits).toEqual([2_000, 2_000]);
    expect(seen).toHaveLength(3);
    expect(Math.min(sentAt[1]!, sentAt[2]!)).toBeGreaterThanOrEqual(2_000);
  });

  it("closes the tenant's Graph gate when an item inside a $batch is throttled", async () => {
    let batches = 0;
    const { gateways, seen, waits, sentAt, duringNextSleep } = factory((req) => {
      if (!req.url.endsWith("/$batch")) return json(200, { isEnabled: true });
      const requests = (JSON.parse(req.body) as { requests: Array<{ id: string }> }).requests;
      const first = batches++ === 0;
      return json(200, {
        responses: requests.map((r, i) =>
          first && i === 0
            ? { id: r.id, status: 429, headers: { "Retry-After": "3" }, body: {} }
            : { id: r.id, status: 200, body: { perUserMfaState: "disabled" } },
        ),
      });
    });
    const gw = gateways.forTenant("t1");
    let other: Promise<boolean> | undefined;
    // Another call starts while the batch waits out its item's Retry-After: it must wait at the gate too.
    duringNextSleep(() => (other = gw.graph.getSecurityDefaultsEnabled()));
    expect((await gw.graph.getPerUserMfaStates(["u1", "u2"])).size).toBe(2);
    expect(await other).toBe(true);
    expect(waits).toEqual([3_000, 3_000]);
    const policyCall = seen.findIndex((r) => r.url.endsWith("identitySecurityDefaultsEnforcementPolicy"));
    expect(sentAt[policyCall]).toBeGreaterThanOrEqual(3_000);
  });
});
