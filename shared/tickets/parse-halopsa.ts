import { extractMailbox } from "./extract-mailbox";
import { asEmail, asRecord, asText, collectStrings, mailboxFromNamedFields } from "./payload-fields";
import { carriesOwnNote } from "./ticket-note";
import type { JsonRecord } from "./payload-fields";
import type { ParseResult, TicketEvent } from "./ticket-event";

/**
 * Reads one HaloPSA outbound webhook item: `{"ticket":{...},"action":{...}}` as Halo sends "Ticket
 * logged" and "Action added", or the ticket object alone (`id`, `summary`, `details`/`details_html`,
 * `user_emailaddress`, `customfields: [{name, value}]`). For an action event, what the technician just
 * wrote (`action.note`/`note_html`) is read first: a mailbox or error named there wins. Halo fires
 * "Action added" for our own private note too; such an action carries nothing new.
 */
export function parseHaloPsa(body: unknown): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a JSON object with the ticket's fields (or an array of them)." };
  const action = asRecord(root["action"]);
  const ticket = asRecord(root["ticket"]) ?? (action ? undefined : root);
  const ticketId = asText(ticket?.["id"] ?? ticket?.["ticket_id"] ?? action?.["ticket_id"]);
  if (!ticketId || !/^\d+$/.test(ticketId.trim())) return { kind: "invalid", message: "A numeric ticket id is required." };
  const actionTexts = action ? [action["note_html"] ?? action["note"]].flatMap((value) => collectStrings(value)) : [];
  if (carriesOwnNote(...actionTexts, action?.["note"])) return { kind: "ignored", reason: "our own note" };
  const fields = ticket ?? {};
  const custom = customFields(fields);
  const requester = asEmail(fields["user_emailaddress"]) ?? asEmail(fields["emailfrom"]) ?? asEmail(fields["reportedby"]);
  const url = asText(fields["url"]);
  const ticketTexts = [fields["details_html"] ?? fields["details"], fields["note"], ...custom.map(([, value]) => value)].flatMap((value) =>
    collectStrings(value),
  );
  const base: TicketEvent = {
    system: "halopsa",
    ticketId: ticketId.trim(),
    ...(url ? { ticketUrl: url } : {}),
    ...(asText(action?.["id"]) ? { deliveryId: `action:${asText(action?.["id"])}` } : {}),
    event: asText(root["event"]) ?? asText(fields["lastactiondate"]) ?? asText(fields["dateoccurred"]) ?? "ticket",
    subject: asText(fields["summary"]) ?? "",
    // The action's note first, so the error it names is the one diagnosis reads.
    texts: [...actionTexts, ...ticketTexts],
    ...(requester ? { requester } : {}),
  };
  const mailbox = mailboxInAction(base, actionTexts) ?? mailboxFromNamedFields(custom);
  return { kind: "event", event: { ...base, ...(mailbox ? { mailbox } : {}) } };
}

/** The one mailbox the action's note names, if it names exactly one (the answer to "which mailbox?"). */
function mailboxInAction(base: TicketEvent, actionTexts: string[]): string | undefined {
  if (actionTexts.length === 0) return undefined;
  const found = extractMailbox({ ...base, subject: "", texts: actionTexts });
  return found.kind === "found" ? found.mailbox : undefined;
}

function customFields(ticket: JsonRecord): Array<[string, unknown]> {
  return (Array.isArray(ticket["customfields"]) ? ticket["customfields"] : []).flatMap((field) => {
    const record = asRecord(field);
    const name = asText(record?.["name"]) ?? asText(record?.["label"]);
    return record && name ? [[name, record["value"] ?? record["display"]] as [string, unknown]] : [];
  });
}
