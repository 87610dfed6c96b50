import { asEmail, asRecord, asText, collectStrings, mailboxFromNamedFields } from "./payload-fields";
import type { ParseResult } from "./ticket-event";

/**
 * Reads a HaloPSA outbound webhook: the ticket object with Halo's own field names (`id`, `summary`,
 * `details` or `details_html`, `user_emailaddress`, `customfields: [{name, value}]`), flat or as
 * `{"ticket":{...}}`.
 */
export function parseHaloPsa(body: unknown): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a JSON object with the ticket's fields." };
  const ticket = asRecord(root["ticket"]) ?? root;
  const ticketId = asText(ticket["id"] ?? ticket["ticket_id"]);
  if (!ticketId || !/^\d+$/.test(ticketId.trim())) return { kind: "invalid", message: "A numeric ticket id is required." };
  const custom: Array<[string, unknown]> = (Array.isArray(ticket["customfields"]) ? ticket["customfields"] : []).flatMap((field) => {
    const record = asRecord(field);
    const name = asText(record?.["name"]) ?? asText(record?.["label"]);
    return record && name ? [[name, record["value"] ?? record["display"]] as [string, unknown]] : [];
  });
  const mailbox = mailboxFromNamedFields(custom);
  const requester = asEmail(ticket["user_emailaddress"]) ?? asEmail(ticket["emailfrom"]) ?? asEmail(ticket["reportedby"]);
  const url = asText(ticket["url"]);
  const texts = [ticket["details_html"] ?? ticket["details"], ticket["note"], ...custom.map(([, value]) => value)].flatMap((value) =>
    collectStrings(value),
  );
  return {
    kind: "event",
    event: {
      system: "halopsa",
      ticketId: ticketId.trim(),
      ...(url ? { ticketUrl: url } : {}),
      event: asText(root["event"]) ?? asText(ticket["lastactiondate"]) ?? asText(ticket["dateoccurred"]) ?? "ticket",
      subject: asText(ticket["summary"]) ?? "",
      texts,
      ...(requester ? { requester } : {}),
      ...(mailbox ? { mailbox } : {}),
    },
  };
}
