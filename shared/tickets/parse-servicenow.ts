import { asEmail, asRecord, asText, collectStrings, fieldsMatching, mailboxFromNamedFields } from "./payload-fields";
import { carriesOwnNote } from "./ticket-note";
import type { ParseResult } from "./ticket-event";

/**
 * Reads the body of a ServiceNow outbound REST message, composed by the admin with the incident's own
 * field names (`sys_id`, `number`, `short_description`, `description`, `sys_updated_on`, `u_*`), flat or
 * wrapped as `{"record":{...}}`. ServiceNow sends no delivery id, so `sys_updated_on` is the event.
 * The Business Rule fires again for our own work note: an update whose latest work note is ours, or
 * made by `integrationUser` (the account our write-back signs in as), carries nothing new.
 */
export function parseServiceNow(body: unknown, integrationUser?: string): ParseResult {
  const root = asRecord(body);
  const record = asRecord(root?.["record"]) ?? root;
  if (!record) return { kind: "invalid", message: "Expected a JSON object with the incident's fields." };
  const sysId = asText(record["sys_id"]);
  if (!sysId || !/^[0-9a-f]{32}$/i.test(sysId.trim())) {
    return { kind: "invalid", message: "sys_id (32 hex characters) is required: the work note is written to it." };
  }
  if (carriesOwnNote(record["work_notes"])) return { kind: "ignored", reason: "our own note" };
  const updatedBy = asText(record["sys_updated_by"])?.trim().toLowerCase();
  if (integrationUser && updatedBy === integrationUser.toLowerCase()) return { kind: "ignored", reason: "an update by the integration user" };
  const custom = fieldsMatching(record, /^u_/);
  const mailbox = mailboxFromNamedFields(custom);
  const requester = asEmail(record["caller_email"]) ?? asEmail(record["caller_id"]) ?? asEmail(record["opened_by"]);
  const url = asText(record["url"]);
  const texts = [record["description"], record["comments"], record["work_notes"], ...custom.map(([, value]) => value)].flatMap((value) =>
    collectStrings(value),
  );
  return {
    kind: "event",
    event: {
      system: "servicenow",
      ticketId: sysId.trim().toLowerCase(),
      ...(url ? { ticketUrl: url } : {}),
      event: asText(record["sys_updated_on"]) ?? "incident",
      subject: [asText(record["number"]), asText(record["short_description"])].filter(Boolean).join(" "),
      texts,
      ...(requester ? { requester } : {}),
      ...(mailbox ? { mailbox } : {}),
    },
  };
}
