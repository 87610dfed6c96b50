import { describe, expect, it } from "vitest";
import { M365Error } from "../../../shared/m365/m365-error";
import { decideRetry } from "../../../shared/remediation/retry-decision";

const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 10_000, maxTotalMs: 60_000 };
const transient = new M365Error("Service unavailable", { kind: "transient", service: "graph", operation: "GET /users" });

describe("decideRetry", () => {
  it("retries a transient failure while attempts remain (limit − 1)", () => {
    expect(decideRetry(transient, 3, policy, () => 0)).toEqual({ action: "retry", delayMs: 2_000 });
  });

  it("gives up once the attempt limit is reached", () => {
    const decision = decideRetry(transient, 4, policy, () => 0);
    expect(decision.action).toBe("exhausted");
  });

  it("never waits less than Retry-After, even when backoff is shorter", () => {
    const throttled = new M365Error("Too many requests", { kind: "throttled", service: "exchange", operation: "Set-CASMailbox", retryAfterMs: 7_000 });
    expect(decideRetry(throttled, 1, policy, () => 1)).toEqual({ action: "retry", delayMs: 7_000 });
  });

  it("keeps waiting out throttling past the attempt limit, within the request's total time", () => {
    const throttled = new M365Error("Too many requests", { kind: "throttled", service: "graph", operation: "GET /users", retryAfterMs: 5_000 });
    expect(decideRetry(throttled, 12, policy, () => 0, 30_000)).toEqual({ action: "retry", delayMs: 5_000 });
    expect(decideRetry(throttled, 12, policy, () => 0, 56_000).action).toBe("exhausted");
  });

  it("gives up on transient failures once the total time is spent, even with attempts left", () => {
    expect(decideRetry(transient, 1, policy, () => 0, 59_900).action).toBe("exhausted");
    expect(decideRetry(transient, 1, policy, () => 0, 58_000).action).toBe("retry");
  });

  it("fails a permanent error at once and names the missing permission", () => {
    const denied = new M365Error("Insufficient privileges to complete the operation.", {
      kind: "permanent",
      service: "graph",
      operation: "PATCH /beta/users/{id}/authentication/requirements",
      status: 403,
      permission: "Policy.ReadWrite.AuthenticationMethod",
    });
    const decision = decideRetry(denied, 1, policy);
    expect(decision.action).toBe("not-transient");
    expect(decision.action !== "retry" && decision.reason).toContain("Policy.ReadWrite.AuthenticationMethod");
  });

  it("treats errors that are not Microsoft 365 errors as not transient", () => {
    expect(decideRetry(new Error("bug"), 1, policy).action).toBe("not-transient");
  });
});
