/**
 * Every refusal the webhook endpoint answers with. Codes match the app catalogue's where they mean the
 * same (INVALID_JSON, BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNAUTHORIZED).
 */
export const WEBHOOK_ERRORS = {
  UNKNOWN_SYSTEM: { status: 404, message: "No webhook for that system; use zendesk, jira, servicenow, freshservice, halopsa or generic." },
  BODY_TOO_LARGE: { status: 413, message: "The body is larger than this endpoint accepts." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the body as application/json." },
  UNAUTHORIZED: { status: 401, message: "Unauthorized." },
  INVALID_JSON: { status: 400, message: "The body is not valid JSON." },
  WEBHOOK_NOT_RECOGNISED: { status: 400, message: "The body is not a ticket this webhook understands." },
  /** Our storage or queue is down: a retryable answer, never caused by the body. */
  TEMPORARILY_UNAVAILABLE: { status: 503, message: "The request could not be taken right now; deliver it again later." },
} as const satisfies Record<string, { status: number; message: string }>;

export type WebhookErrorCode = keyof typeof WEBHOOK_ERRORS;

/** The HTTP answer for a refusal: `{"error":{"code","message"}}`; `detail` only where it leaks nothing. */
export function webhookError(code: WebhookErrorCode, detail?: string): { status: number; body: { error: { code: string; message: string } } } {
  const entry = WEBHOOK_ERRORS[code];
  return { status: entry.status, body: { error: { code, message: detail ? `${entry.message} ${detail}` : entry.message } } };
}
