/**
 * What a failed Microsoft 365 call means for the caller. Callers decide about retrying from
 * `kind`, never from message strings.
 * - transient: 5xx, network error, timeout. Retry with backoff.
 * - throttled: 429 (or 503 with Retry-After). Retry no earlier than `retryAfterMs`.
 * - permanent: 400, 401/403 (missing permission, named in `permission` when known), other 4xx.
 * - not-found: 404 / Exchange "couldn't be found". Usually a fact, not a failure.
 */
export type M365ErrorKind = "transient" | "throttled" | "permanent" | "not-found";

export interface M365ErrorInit {
  kind: M365ErrorKind;
  service: "graph" | "exchange" | "identity";
  operation: string;
  status?: number;
  code?: string;
  retryAfterMs?: number;
  permission?: string;
  /** The `client-request-id` the failed attempt was sent with: Microsoft support finds the call by it. */
  clientRequestId?: string;
  cause?: unknown;
}

export class M365Error extends Error {
  override readonly name = "M365Error";
  readonly kind: M365ErrorKind;
  readonly service: M365ErrorInit["service"];
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly permission?: string;
  readonly clientRequestId?: string;

  constructor(message: string, init: M365ErrorInit) {
    super(message, { cause: init.cause });
    this.kind = init.kind;
    this.service = init.service;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.permission = init.permission;
    this.clientRequestId = init.clientRequestId;
  }
}

export function isM365Error(e: unknown): e is M365Error {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "M365Error";
}

export function isRetryable(e: unknown): boolean {
  return isM365Error(e) && (e.kind === "transient" || e.kind === "throttled");
}
