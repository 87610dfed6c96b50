import { describe, expect, it } from "vitest";
import { MAX_IN_CALL_WAIT_MS, withCallPolicy } from "../../../shared/m365/call-policy";
import { M365Error } from "../../../shared/m365/m365-error";
import { ThrottleGate, ThrottleGates } from "../../../shared/m365/throttle-gate";

const call = { service: "graph" as const, operation: "graph.getUser" };

/** A pinned clock whose sleep moves time forward by exactly what was asked, and records it. */
function pinnedClock(start = 1_000_000) {
  let now = start;
  const waits: number[] = [];
  const hooks: Array<() => void> = [];
  return {
    now: () => now,
    advance: (ms: number) => void (now += ms),
    waits,
    /** Runs once inside the next sleep, before time moves (another call's 429 arriving mid-wait). */
    duringNextSleep: (fn: () => void) => void hooks.push(fn),
    sleep: async (ms: number) => {
      waits.push(ms);
      hooks.shift()?.();
      now += ms;
    },
  };
}

const throttled = (retryAfterMs: number): M365Error =>
  new M365Error("throttled", { kind: "throttled", service: "graph", operation: "graph.getUser", status: 429, retryAfterMs });

describe("ThrottleGate", () => {
  it("lets a call through at once while nobody has been throttled", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate(clock);
    await gate.pass(call);
    expect(clock.waits).toEqual([]);
    expect(gate.remainingMs()).toBe(0);
  });

  it("holds a call until the Retry-After another call got has passed, and no longer", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate(clock);
    gate.close(2_000);
    clock.advance(500);
    await gate.pass(call);
    expect(clock.waits).toEqual([1_500]);
    expect(gate.remainingMs()).toBe(0);
  });

  it("never reopens early when a later 429 carries a shorter Retry-After", () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate(clock);
    gate.close(3_000);
    gate.close(1_000);
    expect(gate.remainingMs()).toBe(3_000);
    gate.close(4_000);
    expect(gate.remainingMs()).toBe(4_000);
  });

  it("waits a remaining time equal to the bound, but refuses one a millisecond longer without waiting", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate({ ...clock, maxWaitMs: MAX_IN_CALL_WAIT_MS });
    gate.close(MAX_IN_CALL_WAIT_MS);
    await gate.pass(call);
    expect(clock.waits).toEqual([MAX_IN_CALL_WAIT_MS]);

    gate.close(MAX_IN_CALL_WAIT_MS + 1);
    const error = await gate.pass(call).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "M365Error", kind: "throttled", code: "TenantThrottled", service: "graph", retryAfterMs: MAX_IN_CALL_WAIT_MS + 1 });
    expect(clock.waits).toEqual([MAX_IN_CALL_WAIT_MS]);
  });

  it("waits again when the gate closes further during a wait, keeping the total within the bound", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate({ ...clock, maxWaitMs: 5_000 });
    gate.close(1_000);
    clock.duringNextSleep(() => gate.close(2_000));
    await gate.pass(call);
    expect(clock.waits).toEqual([1_000, 1_000]);

    gate.close(3_000);
    clock.duringNextSleep(() => gate.close(6_000));
    const error = await gate.pass(call).catch((e: unknown) => e);
    // 3 s waited, then 3 s more would make 6 s: over the 5 s bound, so it gives up with what is left.
    expect(error).toMatchObject({ kind: "throttled", retryAfterMs: 3_000 });
  });

  it("ignores a zero or unreadable Retry-After", () => {
    const gate = new ThrottleGate(pinnedClock());
    gate.close(0);
    gate.close(Number.NaN);
    expect(gate.remainingMs()).toBe(0);
  });
});

describe("ThrottleGates", () => {
  it("gives the same gate for a tenant's service every time, whatever the id's case", () => {
    const gates = new ThrottleGates(pinnedClock());
    const gate = gates.for("Contoso-Tenant", "graph");
    expect(gates.for("contoso-tenant", "graph")).toBe(gate);
  });

  it("keeps Graph and Exchange, and each tenant, apart", () => {
    const gates = new ThrottleGates(pinnedClock());
    gates.for("t1", "graph").close(10_000);
    expect(gates.for("t1", "exchange").remainingMs()).toBe(0);
    expect(gates.for("t2", "graph").remainingMs()).toBe(0);
    expect(gates.for("t1", "graph").remainingMs()).toBe(10_000);
  });
});

describe("withCallPolicy with a gate", () => {
  it("makes a second call wait out the Retry-After the first call got", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate(clock);
    const sentAt: number[] = [];
    await expect(
      withCallPolicy(call, async () => Promise.reject(throttled(8_000)), { ...clock, gate }),
    ).rejects.toMatchObject({ kind: "throttled", status: 429 });
    expect(gate.remainingMs()).toBe(8_000);
    clock.advance(4_000);
    await withCallPolicy(call, async () => void sentAt.push(clock.now()), { ...clock, gate });
    expect(sentAt).toEqual([1_000_000 + 8_000]);
  });

  it("does not call at all when the tenant is throttled for longer than a call may wait", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate(clock);
    gate.close(60_000);
    let calls = 0;
    const run = withCallPolicy(call, async () => void calls++, { ...clock, gate });
    await expect(run).rejects.toMatchObject({ kind: "throttled", code: "TenantThrottled", retryAfterMs: 60_000 });
    expect(calls).toBe(0);
  });

  it("leaves the gate open after a transient failure without Retry-After", async () => {
    const clock = pinnedClock();
    const gate = new ThrottleGate(clock);
    const failure = new M365Error("down", { kind: "transient", service: "graph", operation: "graph.getUser", status: 503 });
    await expect(withCallPolicy(call, async () => Promise.reject(failure), { ...clock, gate, maxRetries: 0 })).rejects.toBe(failure);
    expect(gate.remainingMs()).toBe(0);
  });
});
