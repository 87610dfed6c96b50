import { randomUUID } from "node:crypto";
import { appMetrics } from "../telemetry/metrics";
import { countCall } from "../telemetry/work-tally";
import { inClientSpan } from "../telemetry/tracing";
import { isM365Error, M365Error } from "./m365-error";
import type { M365ErrorInit, M365ErrorKind } from "./m365-error";
import type { ThrottleGate } from "./throttle-gate";

/** Retries made inside one call before the typed error goes to the caller (the queue re-schedules). */
export const MAX_IN_CALL_RETRIES = 2;
/** Longest wait an in-call retry may take; a longer Retry-After is the caller's to honour. */
export const MAX_IN_CALL_WAIT_MS = 5_000;
/** Backoff for a transient failure without Retry-After: base × 2^attempt, capped. */
export const TRANSIENT_BASE_DELAY_MS = 250;

/** How one call is identified in errors and logs. */
export interface CallIdentity {
  service: M365ErrorInit["service"];
  operation: string;
  /** One attempt's `client-request-id` header, set when the attempt is sent. */
  clientRequestId?: string;
}

/** The identity of one attempt: a fresh `client-request-id`, so each request Microsoft saw can be named. */
export function attemptOf(id: CallIdentity): CallIdentity {
  return { ...id, clientRequestId: randomUUID() };
}

/** Seams for tests: a fake clock and sleep pin the retry timing. */
export interface CallPolicyOptions {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxRetries?: number;
  maxWaitMs?: number;
  /** The tenant's throttle gate for this service: waited at before each attempt, closed by a 429. */
  gate?: ThrottleGate;
}

/** What the policy decided for one failed attempt. */
export type RetryDecision =
  | { outcome: "retried"; delayMs: number }
  | { outcome: "exhausted" }
  | { outcome: "not-transient" };

/** The error kind an HTTP status means (429 throttled; 5xx and 408 transient; 404 not-found). */
export function kindForStatus(status: number, hasRetryAfter = false): M365ErrorKind {
  if (status === 429) return "throttled";
  if (status === 503 && hasRetryAfter) return "throttled";
  if (status === 408 || status >= 500 || status <= 0) return "transient";
  if (status === 404) return "not-found";
  return "permanent";
}

/** Decides whether attempt `attempt` (0-based) may be retried inside the call, and after how long. */
export function decideRetry(error: unknown, attempt: number, options: CallPolicyOptions = {}): RetryDecision {
  const maxRetries = options.maxRetries ?? MAX_IN_CALL_RETRIES;
  const maxWaitMs = options.maxWaitMs ?? MAX_IN_CALL_WAIT_MS;
  if (!isM365Error(error) || (error.kind !== "transient" && error.kind !== "throttled")) {
    return { outcome: "not-transient" };
  }
  if (attempt >= maxRetries) return { outcome: "exhausted" };
  const delayMs = error.retryAfterMs ?? TRANSIENT_BASE_DELAY_MS * 2 ** attempt;
  if (delayMs > maxWaitMs) return { outcome: "exhausted" };
  return { outcome: "retried", delayMs };
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Microsoft 365 call with the house retry rules: short, bounded, never earlier than
 * Retry-After — its own, or one any other call to the same tenant and service got (the gate).
 * Anything else is thrown as the typed error for the caller to schedule.
 */
export async function withCallPolicy<T>(
  id: CallIdentity,
  attemptOnce: (attempt: CallIdentity) => Promise<T>,
  options: CallPolicyOptions = {},
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    await options.gate?.pass(id);
    const sent = attemptOf(id);
    try {
      return await tracedAttempt(sent, () => attemptOnce(sent));
    } catch (e) {
      const error = isM365Error(e) ? e : networkError(sent, e);
      if (error.kind === "throttled" && error.retryAfterMs !== undefined) options.gate?.close(error.retryAfterMs);
      const decision = decideRetry(error, attempt, options);
      if (decision.outcome !== "retried") throw error;
      await sleep(decision.delayMs);
    }
  }
}

/** One attempt as a client span named by its operation, with its client-request-id, counted by outcome. */
function tracedAttempt<T>(sent: CallIdentity, attemptOnce: () => Promise<T>): Promise<T> {
  const attributes = { "m365.service": sent.service, "m365.operation": sent.operation, "m365.client_request_id": sent.clientRequestId ?? "" };
  const work = countCall();
  return inClientSpan(`${sent.service} ${sent.operation}`, attributes, async (span) => {
    try {
      const result = await attemptOnce();
      appMetrics().m365Calls.add(1, { service: sent.service, operation: sent.operation, outcome: "ok", work });
      return result;
    } catch (e) {
      const kind = isM365Error(e) ? e.kind : "transient";
      if (isM365Error(e) && e.status !== undefined) span.setAttribute("http.response.status_code", e.status);
      appMetrics().m365Calls.add(1, { service: sent.service, operation: sent.operation, outcome: kind, work });
      throw e;
    }
  });
}

/** An AbortSignal that fires after the per-call timeout. */
export function timeoutSignal(timeoutMs: number): AbortSignal {
  return AbortSignal.timeout(timeoutMs);
}

/** A failure with no HTTP answer (timeout, refused, reset) as a transient M365Error. */
export function networkError(id: CallIdentity, cause: unknown): M365Error {
  const name = (cause as { name?: unknown } | null)?.name;
  const timedOut = name === "TimeoutError" || name === "AbortError";
  const what = timedOut ? "timed out" : "failed before an answer arrived";
  return new M365Error(`${id.service} ${id.operation} ${what}`, {
    kind: "transient",
    service: id.service,
    operation: id.operation,
    code: timedOut ? "Timeout" : "NetworkError",
    clientRequestId: id.clientRequestId,
    cause,
  });
}
