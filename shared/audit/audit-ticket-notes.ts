import { TICKET_SYSTEMS } from "../domain/types";
import type { TicketRef } from "../domain/types";
import type { TicketNote } from "../tickets/ticket-note";
import type { AuditNotification } from "./audit-ports";

/** App setting naming where new findings go, as `system:ticketId` (e.g. `jira:OPS-12`); else the generic webhook. */
export const AUDIT_NOTIFY_TICKET_SETTING = "AUDIT_NOTIFY_TICKET";

/** Reads `system:id` from the app setting; undefined (use the generic webhook) when unset or malformed. */
export function auditTicketFromSetting(value: string | undefined): TicketRef | undefined {
  const match = /^([a-z]+):(.+)$/.exec(value?.trim() ?? "");
  return match?.[1] && match[2] && (TICKET_SYSTEMS as readonly string[]).includes(match[1]) ? { system: match[1] as TicketRef["system"], id: match[2] } : undefined;
}

/**
 * An audit notification as a ticket note for the outbox: a reverted fix to the ticket that asked
 * for the fix, new findings to the configured audit ticket or the generic webhook.
 */
export function toTicketNote(notification: AuditNotification, destination?: TicketRef): TicketNote {
  if (notification.kind === "audit-reverted-fix") {
    const { ticket, finding } = notification;
    return {
      id: notification.messageId,
      system: ticket.system,
      ticketId: ticket.id,
      ...(ticket.url ? { ticketUrl: ticket.url } : {}),
      // The ticket came through a tenant's endpoint: its note goes through that tenant's connection only.
      ...(ticket.connectionTenantId ? { connectionTenantId: ticket.connectionTenantId } : {}),
      kind: "audit-finding",
      locale: notification.locale,
      content: { tenantId: notification.tenantId, mailbox: finding.subject, findings: [{ title: `${finding.type}: ${finding.subject}`, detail: finding.detail }] },
    };
  }
  const target = destination ?? { system: "generic" as const, id: `audit-${notification.tenantId}` };
  return {
    id: notification.messageId,
    system: target.system,
    ticketId: target.id,
    kind: "audit-finding",
    locale: notification.locale,
    content: {
      tenantId: notification.tenantId,
      statusUrl: notification.reportPath,
      reason: `${notification.totalNew} new finding(s) in audit ${notification.runId}.`,
      findings: notification.findings.map((f) => ({ title: `${f.severity} ${f.type}: ${f.subject}`, detail: f.detail })),
    },
  };
}

