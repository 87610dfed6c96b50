import { describe, expect, it } from "vitest";
import { earlyCalls, earlyRetries, m365Calls, peakConcurrentPerTenant, type LoggedCall } from "../../../bench/call-log-figures";

const T0 = Date.parse("2026-12-31T08:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
function call(operation: string, receivedMs: number, answeredMs: number, extra: Partial<LoggedCall> = {}): LoggedCall {
  return { operation, receivedAt: at(receivedMs), at: at(answeredMs), status: 200, tenantId: "t1", ...extra };
}

describe("call-log figures of bench:flood", () => {
  const throttled = call("GET /v1.0/users/{id}", 0, 200, { status: 429, retryAfterMs: 2_000 });

  it("counts a call to the same tenant and service that arrived after a 429 and before its Retry-After", () => {
    const early = call("GET /v1.0/policies", 1_000, 1_200);
    expect(earlyCalls([throttled, early])).toEqual([early]);
  });

  it("excuses calls in flight when the 429 went out, calls after Retry-After, other services and other tenants", () => {
    const log = [
      throttled,
      call("GET /v1.0/users/{id}", 100, 300, { status: 429, retryAfterMs: 1_000 }), // sent before the first 429 went out
      call("GET /v1.0/users/{id}", 2_300, 2_500), // after Retry-After
      call("InvokeCommand Get-CASMailbox", 500, 2_000), // Exchange has its own budget
      call("GET /v1.0/users/{id}", 600, 800, { tenantId: "t2" }),
      call("POST /t1/oauth2/v2.0/token", 700, 710),
    ];
    expect(earlyCalls(log)).toEqual([]);
  });

  it("counts a throttled request sent again before its Retry-After, and nothing else, as an early retry", () => {
    const target = "GET /v1.0/users/u1";
    const first = call("GET /v1.0/users/{id}", 0, 200, { status: 429, retryAfterMs: 2_000, target });
    const tooSoon = call("GET /v1.0/users/{id}", 1_000, 1_200, { target });
    const log = [
      first,
      tooSoon,
      call("GET /v1.0/users/{id}", 2_300, 2_500, { target }), // after Retry-After
      call("GET /v1.0/users/{id}", 900, 1_100, { target: "GET /v1.0/users/u2" }), // another request: earlyCalls' business
      call("GET /v1.0/users/{id}", 1_000, 1_200, { target, tenantId: "t2" }),
    ];
    expect(earlyRetries(log)).toEqual([tooSoon]);
  });

  it("finds the most calls one tenant had in flight at once", () => {
    const log = [
      call("InvokeCommand Get-CASMailbox", 0, 1_500),
      call("GET /v1.0/users/{id}", 100, 300),
      call("GET /v1.0/users/{id}", 300, 500), // starts as the previous one ends: not overlapping it
      call("GET /v1.0/users/{id}", 400, 600),
      call("GET /v1.0/users/{id}", 0, 2_000, { tenantId: "t2" }),
    ];
    expect(peakConcurrentPerTenant(log)).toBe(3);
    expect(m365Calls(log)).toBe(5);
  });
});
