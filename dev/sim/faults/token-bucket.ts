/** Outcome of taking one request from a tenant's bucket. */
export interface ThrottleDecision {
  allowed: boolean;
  /** Seconds until a request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets per tenant, refilled continuously at `requestsPer10s` per 10 seconds. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly requestsPer10s: number) {}

  take(key: string, now = Date.now()): ThrottleDecision {
    const capacity = this.requestsPer10s;
    const perMs = capacity / 10_000;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const missing = allowed ? 0 : 1 - bucket.tokens;
    return {
      allowed,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(missing / perMs / 1000)),
      limit: capacity,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((capacity - bucket.tokens) / perMs / 1000),
    };
  }
}
