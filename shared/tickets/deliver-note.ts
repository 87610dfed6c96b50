import { noConnectionReason, notConfiguredReason } from "./comment-request";
import { haloTokens } from "./halo-token";
import { moduleFor } from "./systems";
import { parseRetryAfter } from "../retry/backoff";
import type { CommentRequest, TicketSettings } from "./comment-request";
import type { HaloTokenCache } from "./halo-token";
import type { TicketConnection } from "./systems";
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
  /**
   * The tenant's own connection for a note of a tenant endpoint's ticket (null: the tenant has none).
   * Absent: the app-wide TICKET_<SYSTEM>_* settings.
   */
  connection?: TicketConnection | null;
}

type Sent = { kind: "response"; response: Response } | { kind: "unreachable"; reason: string };

/**
 * Posts one note through its system's module. 2xx delivered; 5xx, 408, 429 and network errors retry
 * (with the server's Retry-After); other 4xx and missing configuration give up. A system whose tokens
 * can be revoked early (HaloPSA) gets one more try with a fresh one after a 401. Never throws.
 */
export async function deliverNote(note: TicketNote, settings: { raw: TicketSettings }, fetchImpl: typeof fetch = fetch, options: DeliverNoteOptions = {}): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const module = moduleFor(note.system);
  if (options.connection === null) return { outcome: "give-up", reason: noConnectionReason(note.system) };
  const connection = options.connection ?? module.settings.fromAppSettings(settings.raw);
  if (!connection) return { outcome: "give-up", reason: notConfiguredReason(note.system) };
  const tokens = options.haloTokens ?? haloTokens;
  const attempt = async (fresh: boolean): Promise<DeliveryOutcome | Sent> => {
    const prepared = await module.writeBack(note, connection, { fetchImpl, now: () => now().getTime(), haloTokens: tokens, fresh });
    if (prepared.kind === "failed") return prepared.retry ? { outcome: "retry", reason: prepared.reason } : { outcome: "give-up", reason: prepared.reason };
    if (prepared.kind === "not-configured") return { outcome: "give-up", reason: prepared.reason };
    return send(prepared, fetchImpl, options.timeoutMs ?? DELIVERY_TIMEOUT_MS, note);
  };
  let sent = await attempt(false);
  if (module.renewsOnUnauthorized && "kind" in sent && sent.kind === "response" && sent.response.status === 401) sent = await attempt(true);
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
    // A redirect is not followed: it would carry the credentials' headers to wherever it points.
    const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    // Drain the body so the connection is released; its content is not needed and may echo input.
    await response.arrayBuffer().catch(() => undefined);
    return { kind: "response", response };
  } catch (error) {
    return { kind: "unreachable", reason: `${note.system} comment API unreachable (${error instanceof Error ? error.name : "error"})` };
  }
}
