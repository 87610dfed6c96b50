import { describe, expect, it } from "vitest";
import {
  decideRetry,
  kindForStatus,
  MAX_IN_CALL_RETRIES,
  MAX_IN_CALL_WAIT_MS,
  withCallPolicy,
} from "../../../shared/m365/call-policy";
import { M365Error } from "../../../shared/m365/m365-error";

const id = { service: "graph" as const, operation: "graph.getUser" };
const throttled = (retryAfterMs?: number): M365Error =>
  new M365Error("throttled", { kind: "throttled", service: "graph", operation: "graph.getUser", status: 429, retryAfterMs });

describe("kindForStatus", () => {
  it("classifies statuses into the kinds callers retry on", () => {
    expect(kindForStatus(429)).toBe("throttled");
    expect(kindForStatus(503, true)).toBe("throttled");
    expect(kindForStatus(503)).toBe("transient");
    expect(kindForStatus(500)).toBe("transient");
    expect(kindForStatus(404)).toBe("not-found");
    expect(kindForStatus(403)).toBe("permanent");
    expect(kindForStatus(400)).toBe("permanent");
  });
});

describe("decideRetry", () => {
  it("retries the last allowed attempt and gives up on the next", () => {
    expect(decideRetry(throttled(100), MAX_IN_CALL_RETRIES - 1)).toEqual({ outcome: "retried", delayMs: 100 });
    expect(decideRetry(throttled(100), MAX_IN_CALL_RETRIES)).toEqual({ outcome: "exhausted" });
  });

  it("waits up to the in-call limit and leaves longer Retry-After to the caller", () => {
    expect(decideRetry(throttled(MAX_IN_CALL_WAIT_MS), 0)).toEqual({ outcome: "retried", delayMs: MAX_IN_CALL_WAIT_MS });
    expect(decideRetry(throttled(MAX_IN_CALL_WAIT_MS + 1), 0)).toEqual({ outcome: "exhausted" });
  });

  it("does not retry permanent errors or foreign exceptions", () => {
    const denied = new M365Error("no", { kind: "permanent", service: "graph", operation: "x", status: 403 });
    expect(decideRetry(denied, 0)).toEqual({ outcome: "not-transient" });
    expect(decideRetry(new Error("bug"), 0)).toEqual({ outcome: "not-transient" });
  });
});

describe("withCallPolicy", () => {
  it("waits exactly the Retry-After before trying again, then returns the answer", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withCallPolicy(
      id,
      async () => {
        calls++;
        if (calls === 1) throw throttled(1200);
        return "ok";
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([1200]);
  });

  it("throws the typed error once the retries are used up", async () => {
    let calls = 0;
    const run = withCallPolicy(
      id,
      async () => {
        calls++;
        throw throttled(10);
      },
      { sleep: async () => {} },
    );
    await expect(run).rejects.toMatchObject({ name: "M365Error", kind: "throttled", retryAfterMs: 10 });
    expect(calls).toBe(MAX_IN_CALL_RETRIES + 1);
  });

  it("turns a timeout into a transient error naming the operation", async () => {
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    const run = withCallPolicy(id, async () => Promise.reject(timeout), { sleep: async () => {}, maxRetries: 0 });
    await expect(run).rejects.toMatchObject({ kind: "transient", code: "Timeout", operation: "graph.getUser" });
  });
});
