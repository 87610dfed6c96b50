import { backoffDelay } from "../retry/backoff";
import { moduleFor } from "./systems";
import type { TicketSystem } from "../domain/types";

/** Delivery attempts per note before the outbox gives up on it, and the waits between them. */
export const OUTBOX_MAX_ATTEMPTS = 8;
export const OUTBOX_BASE_DELAY_MS = 5_000;
export const OUTBOX_MAX_DELAY_MS = 15 * 60 * 1000;
/** The longest Retry-After the outbox honours as given; a longer one waits this long. */
export const OUTBOX_MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export interface OutboxRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

const SETTING_SUFFIX: Record<keyof OutboxRetryPolicy, string> = {
  maxAttempts: "MAX_ATTEMPTS",
  baseDelayMs: "BASE_DELAY_MS",
  maxDelayMs: "MAX_DELAY_MS",
  maxRetryAfterMs: "MAX_RETRY_AFTER_MS",
};

/**
 * A system's policy: TICKET_<SYSTEM>_OUTBOX_<X>, else TICKET_OUTBOX_<X>, else the system's default,
 * else the app's (X: MAX_ATTEMPTS, BASE_DELAY_MS, MAX_DELAY_MS, MAX_RETRY_AFTER_MS). Nonsense is ignored.
 */
export function outboxRetryPolicy(settings: Readonly<Record<string, string | undefined>>, system?: TicketSystem): OutboxRetryPolicy {
  const defaults: OutboxRetryPolicy = {
    maxAttempts: OUTBOX_MAX_ATTEMPTS,
    baseDelayMs: OUTBOX_BASE_DELAY_MS,
    maxDelayMs: OUTBOX_MAX_DELAY_MS,
    maxRetryAfterMs: OUTBOX_MAX_RETRY_AFTER_MS,
    // Where a system's limits differ (ServiceNow's hourly quota), its module says so.
    ...(system ? moduleFor(system).retry : {}),
  };
  const read = (key: keyof OutboxRetryPolicy): number => {
    const names = [...(system ? [`TICKET_${system.toUpperCase()}_OUTBOX_${SETTING_SUFFIX[key]}`] : []), `TICKET_OUTBOX_${SETTING_SUFFIX[key]}`];
    for (const name of names) {
      const value = Number(settings[name]);
      if (settings[name] !== undefined && Number.isInteger(value) && value >= 0) return value;
    }
    return defaults[key];
  };
  return { maxAttempts: Math.max(1, read("maxAttempts")), baseDelayMs: read("baseDelayMs"), maxDelayMs: read("maxDelayMs"), maxRetryAfterMs: read("maxRetryAfterMs") };
}

/** The least time a policy keeps a note trying, every jittered wait at its shortest and no Retry-After. */
export function shortestRetrySpanMs(policy: OutboxRetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < policy.maxAttempts; attempt += 1) total += backoffDelay(attempt, policy, () => 0);
  return total;
}

export type RetryDecision = { action: "retry"; delayMs: number } | { action: "exhausted" };

/**
 * Whether attempt number `attemptsMade + 1` may happen, and after how long: the server's Retry-After
 * wins (up to maxRetryAfterMs), else capped exponential backoff with jitter from `random`.
 */
export function decideRetry(attemptsMade: number, policy: OutboxRetryPolicy, retryAfterMs: number | undefined, random: () => number): RetryDecision {
  if (attemptsMade >= policy.maxAttempts) return { action: "exhausted" };
  if (retryAfterMs !== undefined) return { action: "retry", delayMs: Math.min(retryAfterMs, policy.maxRetryAfterMs) };
  return { action: "retry", delayMs: backoffDelay(attemptsMade, policy, random) };
}
