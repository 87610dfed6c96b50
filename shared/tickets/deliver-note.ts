import { buildCommentRequest } from "./comment-request";
import { haloClient, haloTokens } from "./halo-token";
import { parseRetryAfter } from "../retry/backoff";
import type { CommentRequest, TicketSettings } from "./comment-request";
import type { HaloTokenCache } from "./halo-token";
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
  /** HaloPSA tokens; the process-wide cache unless a test brings its own. */
  haloTokens?: HaloTokenCache;
}

type Sent = { kind: "response"; response: Response } | { kind: "unreachable"; reason: string };

/**
 * Posts one note to its ticket system's comment API. 2xx delivered; 5xx, 408, 429 and network errors
 * retry (with the server's Retry-After); other 4xx and missing configuration give up. HaloPSA with an
 * API application gets a client_credentials token, and one fresh token after a 401. Never throws.
 */
export async function deliverNote(
  note: TicketNote,
  settings: { raw: TicketSettings },
  fetchImpl: typeof fetch = fetch,
  options: DeliverNoteOptions = {},
): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const client = note.system === "halopsa" ? haloClient(settings.raw) : undefined;
  const tokens = options.haloTokens ?? haloTokens;
  const attempt = async (fresh: boolean): Promise<DeliveryOutcome | Sent> => {
    let authorization: string | undefined;
    if (client) {
      const token = await tokens.token(client, fetchImpl, () => now().getTime(), fresh);
      if (!token.ok) return token.retry ? { outcome: "retry", reason: token.reason } : { outcome: "give-up", reason: token.reason };
      authorization = `Bearer ${token.accessToken}`;
    }
    const request = buildCommentRequest(note, settings.raw, authorization);
    if (request.kind === "not-configured") return { outcome: "give-up", reason: request.reason };
    return send(request, fetchImpl, options.timeoutMs ?? DELIVERY_TIMEOUT_MS, note);
  };
  let sent = await attempt(false);
  // A Halo token can be revoked or rotated before its expiry: one more try with a new one.
  if (client && "kind" in sent && sent.kind === "response" && sent.response.status === 401) sent = await attempt(true);
  if ("outcome" in sent) return sent;
  if (sent.kind === "unreachable") return { outcome: "retry", reason: sent.reason };
  const { response } = sent;
  if (response.ok) return { outcome: "delivered", httpStatus: response.status };
  const reason = `${note.system} comment API answered HTTP ${response.status}`;
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now().getTime());
    return { outcome: "retry", reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { outcome: "give-up", reason };
}

async function send(request: Extract<CommentRequest, { kind: "request" }>, fetchImpl: typeof fetch, timeoutMs: number, note: TicketNote): Promise<Sent> {
  try {
    const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
    // Drain the body so the connection is released; its content is not needed and may echo input.
    await response.arrayBuffer().catch(() => undefined);
    return { kind: "response", response };
  } catch (error) {
    return { kind: "unreachable", reason: `${note.system} comment API unreachable (${error instanceof Error ? error.name : "error"})` };
  }
}
