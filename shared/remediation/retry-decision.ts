import { isM365Error } from "../m365/m365-error";
import { backoffDelay, type BackoffPolicy } from "../retry/backoff";

export interface RetryPolicy extends BackoffPolicy {
  maxAttempts: number;
  /** How long a request may keep retrying in all; throttling is bounded by this alone. */
  maxTotalMs: number;
}

export type RetryDecision =
  | { action: "retry"; delayMs: number }
  | { action: "exhausted"; reason: string }
  | { action: "not-transient"; reason: string };

/**
 * The one place that decides about retrying a failed stage: transient and throttled failures are
 * re-scheduled with capped exponential backoff and jitter, never sooner than a Retry-After;
 * anything else fails at once. Transient failures count against `maxAttempts`; throttling does not
 * (Microsoft asked us to wait, not to give up), so it is bounded by the request's total time only.
 * `attempt` is the attempt that just failed (1-based); `elapsedMs` is the request's age.
 */
export function decideRetry(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random, elapsedMs = 0): RetryDecision {
  const reason = describeFailure(error);
  if (!isM365Error(error) || (error.kind !== "transient" && error.kind !== "throttled")) {
    return { action: "not-transient", reason };
  }
  if (error.kind === "transient" && attempt >= policy.maxAttempts) {
    return { action: "exhausted", reason: `Gave up after ${attempt} attempts: ${reason}` };
  }
  const delayMs = backoffDelay(attempt, policy, random, error.retryAfterMs);
  if (elapsedMs + delayMs > policy.maxTotalMs) {
    return { action: "exhausted", reason: `Gave up after ${Math.round(elapsedMs / 60_000)} minutes of retrying: ${reason}` };
  }
  return { action: "retry", delayMs };
}

/** A failure in words a person can act on; names the missing permission when Microsoft said which. */
export function describeFailure(error: unknown): string {
  if (isM365Error(error)) {
    const permission = error.permission && !error.message.includes(error.permission) ? ` The app needs the ${error.permission} permission.` : "";
    return `${error.message}${permission}`;
  }
  return error instanceof Error ? error.message : String(error);
}
