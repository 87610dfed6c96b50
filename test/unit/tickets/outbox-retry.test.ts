import { describe, expect, it } from "vitest";
import { decideRetry, OUTBOX_BASE_DELAY_MS, OUTBOX_MAX_ATTEMPTS, OUTBOX_MAX_DELAY_MS, outboxRetryPolicy } from "../../../shared/tickets/outbox-retry";

const policy = outboxRetryPolicy({});

describe("outbox retry policy", () => {
  it("retries at attempt limit - 1 and stops at the limit", () => {
    expect(decideRetry(OUTBOX_MAX_ATTEMPTS - 1, policy, undefined, () => 0).action).toBe("retry");
    expect(decideRetry(OUTBOX_MAX_ATTEMPTS, policy, undefined, () => 0)).toEqual({ action: "exhausted" });
  });

  it("backs off exponentially with jitter between half and all of the capped ceiling", () => {
    const delays = [1, 2, 3].map((attempt) => decideRetry(attempt, policy, undefined, () => 1));
    expect(delays).toEqual([1, 2, 4].map((factor) => ({ action: "retry", delayMs: OUTBOX_BASE_DELAY_MS * factor })));
    expect(decideRetry(1, policy, undefined, () => 0)).toEqual({ action: "retry", delayMs: OUTBOX_BASE_DELAY_MS / 2 });
    expect(decideRetry(10, { ...policy, maxAttempts: 20 }, undefined, () => 1)).toEqual({ action: "retry", delayMs: OUTBOX_MAX_DELAY_MS });
  });

  it("lets the server's Retry-After win, capped at the maximum delay", () => {
    expect(decideRetry(1, policy, 30_000, () => 1)).toEqual({ action: "retry", delayMs: 30_000 });
    expect(decideRetry(1, policy, 24 * 3600_000, () => 1)).toEqual({ action: "retry", delayMs: OUTBOX_MAX_DELAY_MS });
  });

  it("takes its limits from app settings, ignoring nonsense", () => {
    expect(outboxRetryPolicy({ TICKET_OUTBOX_MAX_ATTEMPTS: "3", TICKET_OUTBOX_BASE_DELAY_MS: "abc" })).toEqual({
      maxAttempts: 3,
      baseDelayMs: OUTBOX_BASE_DELAY_MS,
      maxDelayMs: OUTBOX_MAX_DELAY_MS,
    });
  });
});
