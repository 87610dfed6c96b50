import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "../../../shared/retry/backoff";

const policy = { baseDelayMs: 1_000, maxDelayMs: 10_000 };

describe("backoffDelay", () => {
  it("doubles per attempt, jitters between half and full, and stops at the cap", () => {
    expect(backoffDelay(1, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(2, policy, () => 1)).toBe(2_000);
    expect(backoffDelay(2, policy, () => 0)).toBe(1_000);
    expect(backoffDelay(10, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(1_000, policy, () => 1)).toBe(10_000);
  });

  it("never waits less than it is told to (a Retry-After)", () => {
    expect(backoffDelay(1, policy, () => 0, 7_000)).toBe(7_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads fractional delta-seconds, rounding up", () => {
    expect(parseRetryAfter("1.2")).toBe(1200);
  });

  it("reads delta-seconds as milliseconds", () => {
    expect(parseRetryAfter("3")).toBe(3000);
  });

  it("reads an HTTP date as the time left until it", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", now)).toBe(7000);
  });

  it("never returns a negative wait for a date in the past", () => {
    const now = Date.parse("2026-01-01T00:00:10Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", now)).toBe(0);
  });

  it("returns undefined for a missing or unreadable header", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

