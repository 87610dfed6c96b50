import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../../dev/sim/faults/token-bucket";

describe("per-tenant token bucket", () => {
  it("allows exactly the limit in a burst and refuses the next with a Retry-After", () => {
    const buckets = new TokenBuckets(10);
    const at = 1_000_000;
    for (let i = 0; i < 10; i += 1) expect(buckets.take("t", at).allowed).toBe(true);
    const refused = buckets.take("t", at);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1);
  });

  it("refills one request per 10 s / limit and keeps tenants apart", () => {
    const buckets = new TokenBuckets(2);
    const at = 5_000_000;
    buckets.take("a", at);
    buckets.take("a", at);
    expect(buckets.take("a", at + 4_999).allowed).toBe(false);
    expect(buckets.take("a", at + 5_000 + 4_999).allowed).toBe(true);
    expect(buckets.take("b", at).allowed).toBe(true);
  });

  it("says how long to wait when the limit is low", () => {
    const buckets = new TokenBuckets(1);
    buckets.take("t", 0);
    expect(buckets.take("t", 0).retryAfterSeconds).toBe(10);
    expect(buckets.take("t", 9_000).retryAfterSeconds).toBe(1);
  });
});
