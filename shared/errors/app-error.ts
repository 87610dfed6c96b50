/**
 * The error catalogue: every error the app returns to a caller, with its HTTP status. Throw only
 * these (chaining the original as `cause`); callers match on `code`, never on message text.
 */
export const ERROR_CATALOGUE = {
  INVALID_JSON: { status: 400, message: "The body is not valid JSON." },
  VALIDATION_FAILED: { status: 400, message: "The request is not valid." },
  BODY_TOO_LARGE: { status: 413, message: "The body is larger than this endpoint accepts." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the body as application/json." },
  TENANT_NOT_FOUND: { status: 404, message: "No onboarded tenant matches." },
  WEBHOOK_SECRET_NOT_FOUND: { status: 404, message: "This tenant has no webhook secret for that system." },
  DOMAIN_NOT_VERIFIED: { status: 400, message: "The tenant has not verified that domain; onboard only domains the tenant owns." },
  CONSENT_INCOMPLETE: { status: 409, message: "The app's consent in the tenant lacks a permission onboarding needs; the tenant is kept as unreadable until it is granted." },
  TENANT_NOT_RESOLVED: { status: 404, message: "Entra knows no tenant with that domain." },
  TENANT_NOT_VERIFIED: { status: 409, message: "The tenant could not be read at onboarding; remediations are refused until it can be." },
  TENANT_AMBIGUOUS: { status: 400, message: "The mailbox's domain belongs to more than one onboarded tenant; name the tenantId." },
  REMEDIATION_NOT_FOUND: { status: 404, message: "No remediation has that id." },
  AUDIT_NOT_FOUND: { status: 404, message: "No audit has run for that tenant yet." },
  CONSOLE_FILE_NOT_FOUND: { status: 404, message: "The console has no such file." },
  CONSOLE_NOT_CONFIGURED: { status: 503, message: "The console's sign-in settings are missing." },
  INVALID_MIGRATION: { status: 400, message: "A migration needs its path's parameter: senderIp for relay-connector, appId for oauth-app." },
  CREDENTIALS_NOT_AVAILABLE: { status: 404, message: "This request has no credentials to show: none were generated, or they were shown once already." },
  IDEMPOTENCY_CONFLICT: { status: 409, message: "That Idempotency-Key was used for a different request." },
  UNDO_NOTHING_CHANGED: { status: 409, message: "That request changed nothing in the tenant, so there is nothing to undo." },
  UNDO_NOT_FINISHED: { status: 409, message: "That request is still running or waiting for approval; undo it once it has ended (or reject it)." },
  ALREADY_UNDONE: { status: 409, message: "That request has already been undone (or its undo is under way)." },
  UNDO_NOT_POSSIBLE: { status: 409, message: "That request cannot be undone by the app." },
  RECORD_SEAL_BROKEN: { status: 409, message: "The stored record failed its integrity seal (edited outside the app) and is refused." },
  NOT_AWAITING_APPROVAL: { status: 409, message: "Only a request awaiting approval can be approved or rejected." },
  UNAUTHORIZED: { status: 401, message: "Unauthorized." },
  UNAUTHENTICATED: { status: 401, message: "Sign in: send Authorization: Bearer <an Entra ID access token for this API>." },
  FORBIDDEN: { status: 403, message: "Your sign-in lacks the app role this needs." },
  TENANT_NOT_IN_SCOPE: { status: 403, message: "You are not in any of this tenant's operator groups." },
  POLICY_CHANGE_NOT_FOUND: { status: 404, message: "The tenant has no policy change with that id." },
  POLICY_CHANGE_NOT_PENDING: { status: 409, message: "Only a pending policy change can be approved." },
  SELF_APPROVAL: { status: 403, message: "The person who asked for a request cannot approve it; a second person must." },
  APPROVER_ADDRESSES_UNKNOWN: { status: 403, message: "The request came from a ticket and your addresses in the operators' directory could not be read, so it cannot be shown that the ticket is not yours; another approver must decide it, or try again." },
  SHARED_WEBHOOK_ROUTE_OFF: { status: 404, message: "The shared webhook route is off (WEBHOOK_SHARED_ROUTE); deliver to the tenant's own endpoint, /api/webhooks/{system}/{tenantKey}." },
  TOO_MANY_FAILED_SIGNATURES: { status: 429, message: "Too many deliveries with a wrong signature or secret at this endpoint; try again after Retry-After." },
  UNKNOWN_SYSTEM: { status: 404, message: "No webhook for that system; use zendesk, jira, servicenow, freshservice, halopsa, generic, connectwise or autotask." },
  TICKET_CONNECTION_NOT_FOUND: { status: 404, message: "This tenant has no ticket connection for that system." },
  WEBHOOK_SEALING_NOT_CONFIGURED: { status: 503, message: "Per-tenant webhook secrets need WEBHOOK_SEALING_SECRET (docs/ticketing-setup.md); none is issued or accepted without it." },
  WEBHOOK_NOT_RECOGNISED: { status: 400, message: "The body is not a ticket this webhook understands." },
  /** Our storage or queue is down: a retryable answer, never caused by the body. */
  TEMPORARILY_UNAVAILABLE: { status: 503, message: "The request could not be taken right now; deliver it again later." },
  INTERNAL: { status: 500, message: "Something went wrong on our side; it has been logged." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** Response headers the error calls for, e.g. `WWW-Authenticate` on a 401. */
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message?: string, options: { cause?: unknown; details?: unknown; headers?: Record<string, string> } = {}) {
    super(message ?? ERROR_CATALOGUE[code].message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options.details;
    this.headers = options.headers;
  }

  /** The shape callers receive: `{"error":{"code","message"}}` (plus details for validation). */
  toBody(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AppError";
}
