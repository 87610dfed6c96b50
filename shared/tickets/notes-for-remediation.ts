import type { Locale, TicketRef } from "../domain/types";
import type { NoteContent, NoteKind, TicketNote } from "./ticket-note";

/** The facts of one remediation request that notes report; the lead maps the stored request to it. */
export interface RemediationSummary {
  id: string;
  tenantId: string;
  mailbox: string;
  /** A RequestStatus: queued, running, succeeded, failed, needs-attention, planned, awaiting-approval, rejected. */
  status: string;
  causes: Array<{ id: string; verdict: string }>;
  steps: Array<{ name: string; status: string; before?: string; after?: string }>;
  attention?: { reason: string; guidance: string[] };
  plan?: { steps: Array<{ name: string; risk: string }> };
  statusUrl?: string;
  /** From the sign-in log after the fix (verified, still-failing and not-seen notes). */
  verification?: { signIn?: { at: string; ipAddress: string; errorCode?: number }; cause?: string; guidance?: string[]; windowHours?: number };
}

/** Which note a request status calls for. */
const KIND_BY_STATUS: Record<string, NoteKind> = {
  queued: "accepted",
  running: "accepted",
  planned: "accepted",
  "needs-attention": "needs-attention",
  "awaiting-approval": "needs-attention",
  succeeded: "completed",
  failed: "failed",
  rejected: "failed",
};

/**
 * The note(s) a remediation's current state calls for, for the ticket it came from: accepted (plan and
 * risks), needs-attention (what a person must do), completed (what changed, verified values) or failed.
 * Each note id is `<request id>:<kind>`, so calling this again at the same stage queues nothing new.
 * `kindOverride` names the note outright when the caller knows the moment better than the status does.
 */
export function notesForRemediation(summary: RemediationSummary, ticket: TicketRef | undefined, locale: Locale, kindOverride?: NoteKind): TicketNote[] {
  const kind = kindOverride ?? KIND_BY_STATUS[summary.status];
  if (!ticket || !kind) return [];
  const content: NoteContent = {
    remediationId: summary.id,
    mailbox: summary.mailbox,
    tenantId: summary.tenantId,
    status: summary.status,
    ...(summary.statusUrl ? { statusUrl: summary.statusUrl } : {}),
  };
  if (kind === "accepted") {
    if (summary.causes.length) content.causes = summary.causes;
    if (summary.plan?.steps.length) content.plan = summary.plan.steps;
  }
  if (kind === "completed" || kind === "failed") content.steps = summary.steps;
  if (summary.attention) {
    content.reason = summary.attention.reason;
    content.guidance = summary.attention.guidance;
  }
  if (kind === "verified" || kind === "still-failing" || kind === "not-seen") {
    const v = summary.verification ?? {};
    if (v.signIn) content.signIn = v.signIn;
    if (v.cause) content.cause = v.cause;
    content.guidance = v.guidance ?? [];
    if (v.windowHours !== undefined) content.windowHours = v.windowHours;
  }
  return [noteFor(ticket, `${summary.id}:${kind}`, kind, locale, content)];
}

/** A note for an audit finding on a tenant's ticket (the audit decides which ticket, if any). */
export function noteForAuditFindings(
  ticket: TicketRef,
  runId: string,
  tenantId: string,
  findings: Array<{ title: string; detail?: string }>,
  locale: Locale,
): TicketNote {
  return noteFor(ticket, `audit:${tenantId}:${runId}`, "audit-finding", locale, { tenantId, findings });
}

function noteFor(ticket: TicketRef, id: string, kind: NoteKind, locale: Locale, content: NoteContent): TicketNote {
  return {
    id,
    system: ticket.system,
    ticketId: ticket.id,
    ...(ticket.url ? { ticketUrl: ticket.url } : {}),
    ...(ticket.connectionTenantId ? { connectionTenantId: ticket.connectionTenantId } : {}),
    kind,
    locale,
    content,
  };
}
