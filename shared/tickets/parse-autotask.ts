import { asRecord, asText, collectStrings, mailboxFromNamedFields } from "./payload-fields";
import { carriesOwnNote } from "./ticket-note";
import type { ParseResult } from "./ticket-event";

/**
 * Reads an Autotask webhook callout (`Action`, `Guid`, `EntityType`, `Id`, `Fields`, `EventTime`,
 * `SequenceNumber`, `PersonID`; Autotask DeveloperHelp, "Webhooks"): a Ticket, or a TicketNote naming
 * its `ticketID`. `Fields` holds only the fields the webhook was set up to send (title, description, a
 * mailbox UDF). The contact is an id, never an address, so the requester stays unknown. A note carrying
 * our marker, or a change by our API user's resource (`apiResource`), carries nothing new.
 */
export function parseAutotask(body: unknown, apiResource?: string): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected an Autotask webhook callout (a JSON object)." };
  const entity = asText(root["EntityType"])?.toLowerCase();
  const action = asText(root["Action"]) ?? "";
  if (entity !== "ticket" && entity !== "ticketnote") return { kind: "ignored", reason: `a ${entity ?? "callout"} is not a ticket` };
  if (action.toLowerCase() === "delete") return { kind: "ignored", reason: "a deleted record" };
  const fields = asRecord(root["Fields"]) ?? {};
  const ticketId = asText(entity === "ticket" ? root["Id"] : (fields["ticketID"] ?? fields["TicketID"]));
  if (!ticketId || !/^\d{1,12}$/.test(ticketId.trim())) return { kind: "invalid", message: "A ticket callout needs its numeric Id (a note's Fields.ticketID)." };
  if (apiResource && asText(root["PersonID"]) === apiResource) return { kind: "ignored", reason: "an update by the integration user" };
  if (carriesOwnNote(fields["description"], fields["title"])) return { kind: "ignored", reason: "our own note" };
  const named = Object.entries(fields);
  const mailbox = mailboxFromNamedFields(named);
  const sequence = asText(root["SequenceNumber"]);
  const guid = asText(root["Guid"]);
  return {
    kind: "event",
    event: {
      system: "autotask",
      ticketId: ticketId.trim(),
      // The webhook's Guid with its sequence number: the same callout re-sent keeps both.
      ...(guid && sequence ? { deliveryId: `${guid}:${entity}:${asText(root["Id"]) ?? ""}:${sequence}` } : {}),
      event: `${action}:${asText(root["EventTime"]) ?? ""}`,
      subject: asText(fields["title"]) ?? asText(fields["ticketNumber"]) ?? "",
      texts: [fields["description"], ...named.filter(([name]) => name !== "description" && name !== "title").map(([, value]) => value)].flatMap((value) => collectStrings(value)),
      requesterUnknown: true,
      ...(mailbox ? { mailbox } : {}),
    },
  };
}
