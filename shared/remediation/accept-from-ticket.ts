import { isAppError } from "../errors/app-error";
import type { AcceptRemediationRequest, AcceptRemediationResult } from "../tickets";
import { acceptRemediation } from "./accept-remediation";
import type { RemediationDeps } from "./remediation-deps";

/**
 * Starts a remediation for a ticket. Catalogue errors (unknown tenant, bad mailbox) come back as a
 * result for the webhook to turn into its answer; anything else is a fault and is thrown.
 */
export async function acceptFromTicket(request: AcceptRemediationRequest, deps: RemediationDeps, publicBaseUrl?: string): Promise<AcceptRemediationResult> {
  try {
    const { record } = await acceptRemediation(
      { mailbox: request.mailbox, errorText: request.errorText, ticket: request.ticket },
      { idempotencyKey: request.idempotencyKey, requestedBy: request.requestedBy, source: `webhook:${request.ticket.system}` },
      deps,
    );
    const path = `/api/remediations/${record.id}`;
    return { ok: true, id: record.id, status: record.status, statusUrl: publicBaseUrl ? `${publicBaseUrl.replace(/\/$/, "")}${path}` : path };
  } catch (e) {
    if (isAppError(e) && e.status < 500) return { ok: false, status: e.status, code: e.code, message: e.message };
    throw e;
  }
}
