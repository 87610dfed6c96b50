import { asEmail, asRecord, asText, collectStrings, mailboxFromNamedFields } from "./payload-fields";
import { carriesOwnNote } from "./ticket-note";
import type { JsonRecord } from "./payload-fields";
import type { ParseResult } from "./ticket-event";

/**
 * Reads a ConnectWise PSA callback: an envelope (`MessageId`, `Action`, `Type`, `ID`, `MemberId`,
 * `Metadata.key_url`) whose `Entity` is the ticket as a JSON string to parse again. The ticket carries
 * its summary, contact address and custom fields (a "Mailbox" custom field names the device), not its
 * description. A change made by our own API member (`apiMember`) carries nothing new.
 */
export function parseConnectWise(body: unknown, apiMember?: string): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a ConnectWise callback (a JSON object)." };
  const type = asText(root["Type"])?.toLowerCase();
  const action = asText(root["Action"])?.toLowerCase() ?? "";
  if (type !== "ticket") return { kind: "ignored", reason: `a ${type ?? "callback"} of another type than ticket` };
  if (action === "deleted") return { kind: "ignored", reason: "a deleted ticket" };
  const ticket = entityOf(root["Entity"]);
  const ticketId = asText(ticket?.["id"] ?? root["ID"]);
  if (!ticket || !ticketId || !/^\d{1,12}$/.test(ticketId.trim())) return { kind: "invalid", message: "A ticket callback needs ID and its Entity (the ticket as JSON text)." };
  const member = asText(root["MemberId"])?.toLowerCase();
  if (apiMember && member === apiMember.toLowerCase()) return { kind: "ignored", reason: "an update by the integration member" };
  if (carriesOwnNote(ticket["summary"], ticket["initialDescription"])) return { kind: "ignored", reason: "our own note" };
  const custom = (Array.isArray(ticket["customFields"]) ? ticket["customFields"] : []).flatMap((field): Array<[string, unknown]> => {
    const f = asRecord(field);
    return f ? [[asText(f["caption"]) ?? "", f["value"]]] : [];
  });
  const mailbox = mailboxFromNamedFields(custom);
  const requester = asEmail(ticket["contactEmailAddress"]);
  const info = asRecord(ticket["_info"]);
  const messageId = asText(root["MessageId"]);
  return {
    kind: "event",
    event: {
      system: "connectwise",
      ticketId: ticketId.trim(),
      ...(messageId ? { deliveryId: messageId } : {}),
      event: `${action || "updated"}:${asText(info?.["lastUpdated"]) ?? ""}`,
      subject: asText(ticket["summary"]) ?? "",
      texts: [ticket["initialDescription"], ...custom.map(([, value]) => value)].flatMap((value) => collectStrings(value)),
      ...(requester ? { requester } : {}),
      ...(mailbox ? { mailbox } : {}),
    },
  };
}

/** `Entity` arrives as JSON text (sometimes already an object); anything else is no ticket. */
function entityOf(value: unknown): JsonRecord | undefined {
  if (typeof value !== "string") return asRecord(value);
  try {
    return asRecord(JSON.parse(value));
  } catch {
    return undefined;
  }
}
