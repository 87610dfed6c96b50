import { describe, expect, it } from "vitest";
import { TICKET_SYSTEMS } from "../../../shared/domain/types";
import {
  decideRetry,
  OUTBOX_BASE_DELAY_MS,
  OUTBOX_MAX_ATTEMPTS,
  OUTBOX_MAX_DELAY_MS,
  OUTBOX_MAX_RETRY_AFTER_MS,
  outboxRetryPolicy,
  shortestRetrySpanMs,
} from "../../../shared/tickets/outbox-retry";

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

  it("lets the server's Retry-After win, even past the backoff ceiling, up to an hour", () => {
    expect(decideRetry(1, policy, 30_000, () => 1)).toEqual({ action: "retry", delayMs: 30_000 });
    expect(decideRetry(1, policy, 40 * 60_000, () => 1)).toEqual({ action: "retry", delayMs: 40 * 60_000 });
    expect(decideRetry(1, policy, 24 * 3600_000, () => 1)).toEqual({ action: "retry", delayMs: OUTBOX_MAX_RETRY_AFTER_MS });
  });

  it("keeps a ServiceNow note trying longer than ServiceNow's hourly rate-limit window, and honours an hour-long Retry-After", () => {
    const servicenow = outboxRetryPolicy({}, "servicenow");
    expect(shortestRetrySpanMs(servicenow)).toBeGreaterThan(3600_000);
    expect(decideRetry(1, servicenow, 3600_000, () => 1)).toEqual({ action: "retry", delayMs: 3600_000 });
    for (const system of TICKET_SYSTEMS.filter((s) => s !== "servicenow")) expect(outboxRetryPolicy({}, system)).toEqual(policy);
  });

  it("reads a system's own setting before the shared one, and the shared one before the system's default", () => {
    const settings = { TICKET_OUTBOX_MAX_ATTEMPTS: "5", TICKET_SERVICENOW_OUTBOX_MAX_ATTEMPTS: "20" };
    expect(outboxRetryPolicy(settings, "servicenow").maxAttempts).toBe(20);
    expect(outboxRetryPolicy(settings, "zendesk").maxAttempts).toBe(5);
    expect(outboxRetryPolicy({ TICKET_OUTBOX_MAX_DELAY_MS: "1000" }, "servicenow").maxDelayMs).toBe(1000);
  });

  it("takes its limits from app settings, ignoring nonsense", () => {
    expect(outboxRetryPolicy({ TICKET_OUTBOX_MAX_ATTEMPTS: "3", TICKET_OUTBOX_BASE_DELAY_MS: "abc" })).toEqual({
      maxAttempts: 3,
      baseDelayMs: OUTBOX_BASE_DELAY_MS,
      maxDelayMs: OUTBOX_MAX_DELAY_MS,
      maxRetryAfterMs: OUTBOX_MAX_RETRY_AFTER_MS,
    });
  });
});
