import { backoffDelay } from "../retry/backoff";

/** Delivery attempts per note before the outbox gives up on it. */
export const OUTBOX_MAX_ATTEMPTS = 8;
export const OUTBOX_BASE_DELAY_MS = 5_000;
export const OUTBOX_MAX_DELAY_MS = 15 * 60 * 1000;

export interface OutboxRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The policy from app settings (TICKET_OUTBOX_MAX_ATTEMPTS, _BASE_DELAY_MS, _MAX_DELAY_MS), else the defaults. */
export function outboxRetryPolicy(settings: Readonly<Record<string, string | undefined>>): OutboxRetryPolicy {
  const read = (name: string, fallback: number): number => {
    const value = Number(settings[name]);
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return {
    maxAttempts: Math.max(1, read("TICKET_OUTBOX_MAX_ATTEMPTS", OUTBOX_MAX_ATTEMPTS)),
    baseDelayMs: read("TICKET_OUTBOX_BASE_DELAY_MS", OUTBOX_BASE_DELAY_MS),
    maxDelayMs: read("TICKET_OUTBOX_MAX_DELAY_MS", OUTBOX_MAX_DELAY_MS),
  };
}

export type RetryDecision = { action: "retry"; delayMs: number } | { action: "exhausted" };

/**
 * Whether attempt number `attemptsMade + 1` may happen, and after how long: the server's Retry-After
 * wins (capped), else capped exponential backoff with full jitter from `random`.
 */
export function decideRetry(attemptsMade: number, policy: OutboxRetryPolicy, retryAfterMs: number | undefined, random: () => number): RetryDecision {
  if (attemptsMade >= policy.maxAttempts) return { action: "exhausted" };
  if (retryAfterMs !== undefined) return { action: "retry", delayMs: Math.min(retryAfterMs, policy.maxDelayMs) };
  return { action: "retry", delayMs: backoffDelay(attemptsMade, policy, random) };
}
