import { asEmail, asRecord, asText, collectStrings, mailboxFromNamedFields } from "./payload-fields";
import { NOTE_MARKER } from "./ticket-note";
import type { JsonRecord } from "./payload-fields";
import type { ParseResult } from "./ticket-event";

/** Zendesk event types that can carry the facts we need; status changes and the like are ignored. */
const ACTIONABLE_TYPES = new Set(["zen:event-type:ticket.created", "zen:event-type:ticket.comment_added"]);

/**
 * Reads a Zendesk ticket event webhook (`{"type":"zen:event-type:ticket.created","id",...,"detail":{ticket}}`),
 * or a trigger webhook whose JSON the admin templated as `{"ticket":{"id","subject","description",...}}`.
 */
export function parseZendesk(body: unknown): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a JSON object." };
  const type = asText(root["type"]);
  if (type !== undefined) return parseEvent(root, type);
  const ticket = asRecord(root["ticket"]);
  if (ticket) return parseTriggerPayload(ticket);
  return { kind: "invalid", message: "Expected a Zendesk ticket event (type, detail) or a {\"ticket\":{...}} trigger body." };
}

function parseEvent(root: JsonRecord, type: string): ParseResult {
  if (!type.startsWith("zen:event-type:ticket.")) return { kind: "ignored", reason: `not a ticket event (${type})` };
  if (!ACTIONABLE_TYPES.has(type)) return { kind: "ignored", reason: `event ${type} carries nothing to act on` };
  const detail = asRecord(root["detail"]);
  const ticketId = asText(detail?.["id"]) ?? /^zen:ticket:(\d+)$/.exec(asText(root["subject"]) ?? "")?.[1];
  if (!detail || !ticketId) return { kind: "invalid", message: "A Zendesk ticket event needs detail.id." };
  const comment = asRecord(asRecord(root["event"])?.["comment"]);
  if (asText(comment?.["body"])?.includes(NOTE_MARKER)) return { kind: "ignored", reason: "our own note" };
  const texts = [asText(detail["description"]), asText(comment?.["body"])].filter((t): t is string => t !== undefined);
  const deliveryId = asText(root["id"]);
  return {
    kind: "event",
    event: {
      system: "zendesk",
      ticketId,
      ...(deliveryId ? { deliveryId } : {}),
      event: type.slice("zen:event-type:".length),
      subject: asText(detail["subject"]) ?? "",
      texts,
      ...optionalEmail("requester", detail["requester_email"]),
      ...(asText(detail["requester_id"]) ? { requesterId: asText(detail["requester_id"]) } : {}),
    },
  };
}

function parseTriggerPayload(ticket: JsonRecord): ParseResult {
  const ticketId = asText(ticket["id"]);
  if (!ticketId) return { kind: "invalid", message: "ticket.id is missing." };
  if (asText(ticket["latest_comment"])?.includes(NOTE_MARKER)) return { kind: "ignored", reason: "our own note" };
  const custom = Object.entries(asRecord(ticket["custom_fields"]) ?? {});
  const mailbox = mailboxFromNamedFields(custom);
  const url = asText(ticket["url"]);
  return {
    kind: "event",
    event: {
      system: "zendesk",
      ticketId,
      ...(url ? { ticketUrl: url.startsWith("http") ? url : `https://${url}` } : {}),
      event: asText(ticket["event"]) ?? "trigger",
      subject: asText(ticket["subject"]) ?? "",
      texts: [asText(ticket["description"]), asText(ticket["latest_comment"]), ...custom.flatMap(([, v]) => collectStrings(v))].filter(
        (t): t is string => t !== undefined,
      ),
      ...optionalEmail("requester", ticket["requester_email"]),
      ...(mailbox ? { mailbox } : {}),
    },
  };
}

function optionalEmail(key: "requester", value: unknown): { requester?: string } {
  const email = asEmail(value);
  return email ? { [key]: email } : {};
}
