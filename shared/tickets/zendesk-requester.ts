import { asEmail, asRecord } from "./payload-fields";
import type { TicketSettings } from "./comment-request";

const LOOKUP_TIMEOUT_MS = 5_000;

/** What reading a Zendesk requester came to: the address, no way to ask (write-back not set), or a failure. */
export type RequesterLookup = { kind: "found"; email: string; agent: boolean } | { kind: "not-configured" } | { kind: "failed"; reason: string };

/**
 * Zendesk ticket events name the requester by `requester_id` only; one read of
 * `GET /api/v2/users/{id}.json` with the write-back credentials gives the address, so it is never taken
 * for the device's mailbox. Never throws.
 */
export async function lookupZendeskRequester(requesterId: string, settings: TicketSettings, fetchImpl: typeof fetch = fetch): Promise<RequesterLookup> {
  const base = settings["TICKET_ZENDESK_BASE_URL"]?.replace(/\/+$/, "");
  const auth = settings["TICKET_ZENDESK_AUTH"];
  if (!base || !auth) return { kind: "not-configured" };
  if (!/^\d{1,20}$/.test(requesterId)) return { kind: "failed", reason: "requester_id is not a Zendesk id" };
  try {
    const response = await fetchImpl(`${base}/api/v2/users/${requesterId}.json`, {
      headers: { authorization: auth, accept: "application/json" },
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => undefined)) as unknown;
    const user = asRecord(asRecord(body)?.["user"]);
    const email = asEmail(user?.["email"]);
    // Zendesk roles: end-user, agent, admin. Only staff of the help desk count as agents.
    if (response.ok && email) return { kind: "found", email, agent: user?.["role"] === "agent" || user?.["role"] === "admin" };
    return { kind: "failed", reason: `zendesk users API answered HTTP ${response.status}${response.ok ? " without an email" : ""}` };
  } catch (error) {
    return { kind: "failed", reason: `zendesk users API unreachable (${error instanceof Error ? error.name : "error"})` };
  }
}
