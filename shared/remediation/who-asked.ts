import { describeOperator } from "../auth/operator";
import type { RemediationRecord } from "./remediation-record";

/**
 * Who asked for a request, in one line for the trail and the exceptions register: the signed-in
 * operator, or the verified ticket and the requester it names.
 */
export function whoAsked(record: Pick<RemediationRecord, "requestedBy" | "ticketRequester" | "ticket" | "source">): string | undefined {
  if (record.requestedBy) return describeOperator(record.requestedBy);
  if (record.ticket && record.source.startsWith("webhook:")) {
    return `${record.ticket.system} ticket ${record.ticket.id}${record.ticketRequester ? ` from ${record.ticketRequester}` : ""}`;
  }
  return record.ticketRequester;
}
