import { asEmail, asRecord, asText, collectStrings } from "./payload-fields";
import type { ParseResult } from "./ticket-event";

/**
 * Reads the generic webhook, for any system that can POST JSON:
 * `{"ticketId","ticketUrl"?,"deliveryId"?,"event"?,"subject"?,"description"?,"texts"?:[],"mailbox"?,"errorText"?,"requester"?}`.
 */
export function parseGeneric(body: unknown, deliveryId?: string): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a JSON object." };
  const ticketId = asText(root["ticketId"]) ?? asText(root["id"]);
  if (!ticketId) return { kind: "invalid", message: "ticketId is required." };
  const mailbox = asEmail(root["mailbox"]);
  const requester = asEmail(root["requester"]);
  const url = asText(root["ticketUrl"]);
  const delivery = asText(root["deliveryId"]) ?? deliveryId;
  return {
    kind: "event",
    event: {
      system: "generic",
      ticketId,
      ...(url ? { ticketUrl: url } : {}),
      ...(delivery ? { deliveryId: delivery } : {}),
      event: asText(root["event"]) ?? "ticket",
      subject: asText(root["subject"]) ?? "",
      texts: [root["description"], root["errorText"], root["texts"]].flatMap((value) => collectStrings(value)),
      ...(requester ? { requester } : {}),
      ...(mailbox ? { mailbox } : {}),
    },
  };
}
