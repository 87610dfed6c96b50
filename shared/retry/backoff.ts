/**
 * The timing rules every retry in the app shares: the worker's stages, the ticket outbox and the
 * Microsoft 365 clients. Each caller decides whether to retry; this says how long to wait.
 */

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Attempt n waits base·2^(n-1), capped, with jitter in [50%, 100%], and never less than `atLeastMs`. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number, atLeastMs = 0): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(0, attempt - 1), 30));
  const jittered = Math.round(exponential * (0.5 + random() * 0.5));
  return Math.max(atLeastMs, jittered);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
