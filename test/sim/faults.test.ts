import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXCHANGE_SCOPE, GRAPH_SCOPE, call, invoke, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "55555555-2222-3333-4444-555555555555";
let sim: RunningSimulator;
let graph: string;
let exo: string;

const faults = (body: Record<string, unknown>) => call(sim, "PUT", "/_sim/faults", { body });

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "faulty.test", mailboxes: 40 } });
  graph = await token(sim, TENANT, GRAPH_SCOPE);
  exo = await token(sim, TENANT, EXCHANGE_SCOPE);
});
afterEach(async () => { await faults({}); });
afterAll(async () => sim.close());

describe("$batch", () => {
  const mfaRequests = (n: number) => Array.from({ length: n }, (_, i) => ({
    id: String(i + 1), method: "GET", url: `/users/user${String(i + 1).padStart(6, "0")}@faulty.test/authentication/requirements`,
  }));

  it("answers each of 20 items with its own status, headers and body", async () => {
    const reply = await call(sim, "POST", "/beta/$batch", { token: graph, body: { requests: mfaRequests(20) } });
    expect(reply.status).toBe(200);
    expect(reply.body.responses).toHaveLength(20);
    expect(reply.body.responses[0]).toMatchObject({ id: "1", status: 200, headers: { "Content-Type": "application/json" }, body: { perUserMfaState: "disabled" } });
  });

  it("refuses more than 20 requests with 400", async () => {
    const reply = await call(sim, "POST", "/beta/$batch", { token: graph, body: { requests: mfaRequests(21) } });
    expect(reply.status).toBe(400);
  });

  it("throttles items one by one with per-item 429 and Retry-After", async () => {
    await faults({ throttle: { requestsPer10s: 5 } });
    const reply = await call(sim, "POST", "/beta/$batch", { token: graph, body: { requests: mfaRequests(20) } });
    expect(reply.status).toBe(200);
    const statuses = reply.body.responses.map((r: { status: number }) => r.status);
    expect(statuses.filter((s: number) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s: number) => s === 429)).toHaveLength(15);
    const throttled = reply.body.responses.find((r: { status: number }) => r.status === 429);
    expect(Number(throttled.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(throttled.body.error.code).toBe("TooManyRequests");
  });
});

describe("faults", () => {
  it("throttles Graph and Exchange per tenant with 429 and Retry-After", async () => {
    await faults({ throttle: { requestsPer10s: 2 } });
    const first = await invoke(sim, TENANT, exo, "Get-TransportConfig");
    await invoke(sim, TENANT, exo, "Get-TransportConfig");
    const third = await invoke(sim, TENANT, exo, "Get-TransportConfig");
    expect(first.headers["rate-limit-limit"]).toBe("2");
    expect(first.headers["rate-limit-remaining"]).toBe("1");
    expect(third.status).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const graphReply = await call(sim, "GET", "/v1.0/users", { token: graph });
    expect(graphReply.status).toBe(429);
    expect(graphReply.headers["retry-after"]).toEqual(expect.any(String));
  });

  it("logs every call with its time and status so Retry-After can be checked", async () => {
    await call(sim, "DELETE", "/_sim/calls");
    await faults({ throttle: { requestsPer10s: 1 } });
    await call(sim, "GET", "/v1.0/users", { token: graph });
    await call(sim, "GET", "/v1.0/users", { token: graph });
    const log = (await call(sim, "GET", `/_sim/calls?log=1&tenantId=${TENANT}`)).body.log;
    expect(log.map((e: { status: number }) => e.status)).toEqual([200, 429]);
    expect(Date.parse(log[1].at)).toBeGreaterThanOrEqual(Date.parse(log[0].at));
    expect(log[0]).toMatchObject({ operation: "GET /v1.0/users", tenantId: TENANT });
  });

  it("fails every call at errorRate 1: Graph 503/504, Exchange 500 ADTransientException", async () => {
    await faults({ errorRate: 1 });
    const graphReply = await call(sim, "GET", "/v1.0/users", { token: graph });
    expect([503, 504]).toContain(graphReply.status);
    const exchangeReply = await invoke(sim, TENANT, exo, "Get-TransportConfig");
    expect(exchangeReply.status).toBe(500);
    expect(exchangeReply.body.error.innererror.type).toMatch(/ADTransientException$/);
  });

  it("adds latency", async () => {
    await faults({ latencyMs: 250 });
    const started = Date.now();
    await call(sim, "GET", "/v1.0/users?$top=1", { token: graph });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("adds each service its own latency, latencyMs standing for the one not given, and logs arrival and answer", async () => {
    const timed = async (send: () => Promise<unknown>) => {
      const started = Date.now();
      await send();
      return Date.now() - started;
    };
    expect((await faults({ latencyMs: 100, exchangeLatencyMs: 600 })).body).toMatchObject({ latencyMs: 100, graphLatencyMs: 100, exchangeLatencyMs: 600 });
    await call(sim, "DELETE", "/_sim/calls");
    const graphMs = await timed(() => call(sim, "GET", "/v1.0/users?$top=1", { token: graph }));
    const exchangeMs = await timed(() => invoke(sim, TENANT, exo, "Get-TransportConfig"));
    expect(graphMs).toBeGreaterThanOrEqual(95);
    expect(graphMs).toBeLessThan(550);
    expect(exchangeMs).toBeGreaterThanOrEqual(595);
    const log = (await call(sim, "GET", `/_sim/calls?log=1&tenantId=${TENANT}`)).body.log as Array<{ at: string; receivedAt: string }>;
    expect(Date.parse(log[1]!.at) - Date.parse(log[1]!.receivedAt)).toBeGreaterThanOrEqual(595);
    await faults({ graphLatencyMs: 300 });
    await call(sim, "DELETE", "/_sim/calls");
    expect(await timed(() => call(sim, "GET", "/v1.0/users?$top=1", { token: graph }))).toBeGreaterThanOrEqual(295);
    await invoke(sim, TENANT, exo, "Get-TransportConfig");
    const [, unslowed] = (await call(sim, "GET", `/_sim/calls?log=1&tenantId=${TENANT}`)).body.log as Array<{ at: string; receivedAt: string }>;
    expect(Date.parse(unslowed!.at) - Date.parse(unslowed!.receivedAt)).toBeLessThan(295);
  });

  it("hides a write from reads until the propagation delay has passed", async () => {
    await faults({ propagationDelayMs: 400 });
    const set = await invoke(sim, TENANT, exo, "Set-CASMailbox", { Identity: "user000005@faulty.test", SmtpClientAuthenticationDisabled: false });
    expect(set.status).toBe(200);
    const soon = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "user000005@faulty.test" });
    expect(soon.body.value[0].SmtpClientAuthenticationDisabled).toBeNull();
    await new Promise((r) => setTimeout(r, 450));
    const later = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "user000005@faulty.test" });
    expect(later.body.value[0].SmtpClientAuthenticationDisabled).toBe(false);
  });

  it("rejects malformed fault settings and clears them with an empty body", async () => {
    expect((await faults({ errorRate: 2 })).status).toBe(400);
    await faults({ latencyMs: 5 });
    const cleared = await call(sim, "PUT", "/_sim/faults", {});
    expect(cleared.body).toMatchObject({ latencyMs: 0, graphLatencyMs: 0, exchangeLatencyMs: 0, throttle: null, errorRate: 0, propagationDelayMs: 0 });
  });

  it("never faults or counts the control API", async () => {
    await call(sim, "DELETE", "/_sim/calls");
    await faults({ errorRate: 1, throttle: { requestsPer10s: 1 } });
    for (let i = 0; i < 3; i += 1) expect((await call(sim, "GET", `/_sim/tenants/${TENANT}`)).status).toBe(200);
    expect((await call(sim, "GET", "/_sim/calls")).body.total).toBe(0);
  });
});
