import { asEmail, asRecord, asText, collectStrings, mailboxFromNamedFields } from "./payload-fields";
import type { JsonRecord } from "./payload-fields";
import { carriesOwnNote } from "./ticket-note";
import type { ParseResult } from "./ticket-event";

/**
 * Reads a Freshservice Workflow Automator webhook. The admin composes it from the ticket's fields, as
 * `{"ticket":{"id","subject","description","requester_email","custom_fields",...}}`, the same flat, or
 * the "simple" content type (`{"freshdesk_webhook":{"ticket_id","ticket_subject",...}}`).
 * "Note is added" fires for our own private note too: a latest note that is ours carries nothing new.
 */
export function parseFreshservice(body: unknown): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a JSON object with the ticket's fields." };
  const ticket = asRecord(root["ticket"]) ?? unprefixed(asRecord(root["freshdesk_webhook"])) ?? root;
  // Display ids look like "#INC-42" or "SR-42"; the API wants the number, which is the same.
  const ticketId = /(\d+)\s*$/.exec(asText(ticket["id"]) ?? "")?.[1];
  if (!ticketId) return { kind: "invalid", message: "ticket id is required: the note is written to it." };
  const latestNotes = [ticket["latest_note"], ticket["latest_private_comment"], ticket["latest_public_comment"], asRecord(root["note"])?.["body"] ?? root["note"]];
  if (carriesOwnNote(...latestNotes)) return { kind: "ignored", reason: "our own note" };
  const custom = Object.entries(asRecord(ticket["custom_fields"]) ?? {});
  const mailbox = mailboxFromNamedFields([...custom, ...Object.entries(ticket).filter(([k]) => k.startsWith("cf_"))]);
  const requester = asEmail(ticket["requester_email"]) ?? asEmail(asRecord(ticket["requester"])?.["email"]);
  const url = asText(ticket["url"]);
  const texts = [ticket["description_text"] ?? ticket["description"], ...latestNotes, ...custom.map(([, value]) => value)].flatMap((value) =>
    collectStrings(value),
  );
  return {
    kind: "event",
    event: {
      system: "freshservice",
      ticketId,
      ...(url ? { ticketUrl: url } : {}),
      event: asText(root["event"]) ?? asText(ticket["updated_at"]) ?? "ticket",
      subject: asText(ticket["subject"]) ?? "",
      texts,
      ...(requester ? { requester } : {}),
      ...(mailbox ? { mailbox } : {}),
    },
  };
}

/** `ticket_subject` → `subject`, as the "simple" webhook content names them. */
function unprefixed(record: JsonRecord | undefined): JsonRecord | undefined {
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.replace(/^ticket_/, ""), value]));
}
