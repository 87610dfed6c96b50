import { TICKET_SYSTEMS } from "../domain/types";
import type { TicketSystem } from "../domain/types";

/** One ticket event, whatever system sent it: what intake needs to find the mailbox and the error. */
export interface TicketEvent {
  system: TicketSystem;
  /** The id the system's comment API takes (Zendesk id, Jira key, ServiceNow sys_id, ...). */
  ticketId: string;
  ticketUrl?: string;
  /** The system's own delivery id, stable across its retries, when it sends one. */
  deliveryId?: string;
  /** What happened ("ticket.created", "jira:issue_updated", a ServiceNow sys_updated_on, ...). */
  event: string;
  subject: string;
  /** Every free-text field: description, custom fields, comments, pasted logs. */
  texts: string[];
  /** The address of the person who raised the ticket; never taken for the mailbox itself. */
  requester?: string;
  /** The ticket system says the requester is one of its agents (Zendesk's user role), not an end user. */
  requesterAgent?: boolean;
  /** The requester by id only (Zendesk events), to be resolved into `requester` before extraction. */
  requesterId?: string;
  /** The requester could not be resolved: an address in the text counts only with a word that says it is the device's. */
  requesterUnknown?: boolean;
  /** A mailbox named in a dedicated field (a custom field called "mailbox", the generic `mailbox`). */
  mailbox?: string;
  /** Other people on the ticket (assignee, submitter): never taken for the mailbox. */
  people?: string[];
}

/** What a parser returns: an event to act on, one to ignore (with why), or a shape it cannot read. */
export type ParseResult =
  | { kind: "event"; event: TicketEvent }
  | { kind: "ignored"; reason: string }
  | { kind: "invalid"; message: string };

/** Systems whose webhooks we accept, as they appear in the route `webhooks/{system}`. */
export function isTicketSystem(value: string): value is TicketSystem {
  return (TICKET_SYSTEMS as readonly string[]).includes(value);
}
