import type { RemediationRecord } from "./remediation-record";

/** The ids that name a request in spans and log lines: request, tenant, ticket. Never the mailbox or error text. */
export function requestAttributes(record: Pick<RemediationRecord, "id" | "tenantId" | "ticket">): Record<string, string> {
  const attributes: Record<string, string> = { "remediation.request_id": record.id, "remediation.tenant_id": record.tenantId };
  if (record.ticket) attributes["remediation.ticket"] = `${record.ticket.system}:${record.ticket.id}`;
  return attributes;
}

/** A log line's prefix with the same ids, so a line can be found from the ticket or the trace. */
export function logPrefix(record: Pick<RemediationRecord, "id" | "tenantId" | "ticket">): string {
  return Object.entries(requestAttributes(record)).map(([key, value]) => `${key.replace("remediation.", "")}=${value}`).join(" ");
}
