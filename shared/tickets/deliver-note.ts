import { buildCommentRequest } from "./comment-request";
import { parseRetryAfter } from "../retry/backoff";
import type { TicketSettings } from "./comment-request";
import type { TicketNote } from "./ticket-note";

/** Per-call timeout for a ticket system's comment API. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** What one delivery attempt came to. Reasons name the system and status, never a credential. */
export type DeliveryOutcome =
  | { outcome: "delivered"; httpStatus: number }
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  | { outcome: "give-up"; reason: string };

export interface DeliverNoteOptions {
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Posts one note to its ticket system's comment API. 2xx delivered; 5xx, 408, 429 and network errors
 * retry (with the server's Retry-After); other 4xx and missing configuration give up. Never throws.
 */
export async function deliverNote(
  note: TicketNote,
  settings: { raw: TicketSettings },
  fetchImpl: typeof fetch = fetch,
  options: DeliverNoteOptions = {},
): Promise<DeliveryOutcome> {
  const request = buildCommentRequest(note, settings.raw);
  if (request.kind === "not-configured") return { outcome: "give-up", reason: request.reason };
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : "error";
    return { outcome: "retry", reason: `${note.system} comment API unreachable (${name})` };
  }
  // Drain the body so the connection is released; its content is not needed and may echo input.
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return { outcome: "delivered", httpStatus: response.status };
  const reason = `${note.system} comment API answered HTTP ${response.status}`;
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), (options.now ?? (() => new Date()))().getTime());
    return { outcome: "retry", reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { outcome: "give-up", reason };
}
