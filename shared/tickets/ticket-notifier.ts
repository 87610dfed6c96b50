import { requestReasonText } from "../domain/request-reasons";
import { CAUSES } from "../domain/causes";
import { STEP_NAMES } from "../domain/types";
import { statusUrlFor } from "../remediation/remediation-view";
import { phrasesFor } from "./note-phrases";
import { notesForRemediation } from "./notes-for-remediation";
import { enqueueNoteOnce } from "./note-once";
import type { Locale, TenantPolicy } from "../domain/types";
import type { MessageQueue } from "../queue/message-queue";
import type { MinimalLogger, RemediationMilestone } from "../remediation/remediation-deps";
import type { RemediationRecord } from "../remediation/remediation-record";
import type { RemediationSummary } from "./notes-for-remediation";
import type { NoteClaims } from "./note-once";
import type { NoteKind } from "./ticket-note";

export interface TicketNotifierDeps {
  queue: MessageQueue;
  /** One note per request and milestone, however often the milestone is reached or the ticket re-sent. */
  claims: NoteClaims;
  tenants: { get(tenantId: string): Promise<{ policy: TenantPolicy } | null> };
  settings: { PUBLIC_BASE_URL?: string | undefined };
  log: MinimalLogger;
}

const KIND_BY_MILESTONE: Record<RemediationMilestone, NoteKind> = {
  accepted: "accepted",
  "needs-attention": "needs-attention",
  completed: "completed",
  failed: "failed",
  verified: "verified",
  "verification-failing": "still-failing",
  "not-seen": "not-seen",
};

/**
 * RemediationDeps.notify for tickets: turns a request's milestone into a note in the tenant's language
 * and puts it on the outbox. Never throws: a ticket that cannot hear about it must not fail the request.
 */
export function createTicketNotifier(deps: TicketNotifierDeps): (record: RemediationRecord, milestone: RemediationMilestone) => Promise<void> {
  return async (record, milestone) => {
    if (!record.ticket) return;
    try {
      const locale: Locale = (await deps.tenants.get(record.tenantId))?.policy.locale ?? "en";
      const summary = summaryFromRecord(record, locale, deps.settings.PUBLIC_BASE_URL);
      for (const note of notesForRemediation(summary, record.ticket, locale, KIND_BY_MILESTONE[milestone])) {
        await enqueueNoteOnce(deps.queue, deps.claims, note);
      }
    } catch (error) {
      deps.log.warn(`Could not queue the ${milestone} note for request ${record.id}: ${error instanceof Error ? error.name : "error"}`);
    }
  };
}

/** The stored request as the facts a note reports: live causes, steps that ran, the plan and its risks. */
export function summaryFromRecord(record: RemediationRecord, locale: Locale, publicBaseUrl?: string): RemediationSummary {
  const causes = (record.diagnosis?.causes ?? []).filter((cause) => cause.verdict !== "ruled-out");
  const planned = new Set(causes.filter((c) => c.verdict === "confirmed" || c.verdict === "possible").flatMap((c) => (c.fixStep ? [c.fixStep] : [])));
  const risks = phrasesFor(locale).stepRisks;
  const stored = record.attention ?? (record.reason ? { reason: record.reason, guidance: [] } : undefined);
  // The request's own reason, when coded, reads in the note's language rather than in English.
  const coded = record.reasonCode && stored?.reason === record.reason ? requestReasonText(record.reasonCode, locale) : undefined;
  const attention = stored && coded ? { ...stored, reason: coded } : stored;
  return {
    id: record.id,
    tenantId: record.tenantId,
    mailbox: record.mailbox,
    status: record.status,
    causes: causes.map((cause) => ({ id: cause.id, verdict: cause.verdict })),
    steps: record.steps
      .filter((step) => step.status !== "pending")
      .map((step) => ({ name: step.name, status: step.status, ...(step.before ? { before: step.before } : {}), ...(step.after ? { after: step.after } : {}) })),
    ...(attention ? { attention: { reason: attention.reason, guidance: attention.guidance } } : {}),
    plan: { steps: STEP_NAMES.filter((name) => planned.has(name)).map((name) => ({ name, risk: risks[name] ?? "" })) },
    // Only with a configured public URL: a worker has no incoming request to take an origin from.
    ...(publicBaseUrl ? { statusUrl: statusUrlFor(record.id, "http://unused.invalid", publicBaseUrl) } : {}),
    ...(record.verification ? { verification: verificationFacts(record.verification, locale) } : {}),
  };
}

function verificationFacts(v: NonNullable<RemediationRecord["verification"]>, locale: Locale): NonNullable<RemediationSummary["verification"]> {
  return {
    ...(v.signIn ? { signIn: v.signIn } : {}),
    ...(v.cause ? { cause: v.cause, guidance: CAUSES[v.cause].guidance[locale] } : {}),
    windowHours: Math.round((Date.parse(v.until) - Date.parse(v.since)) / 3_600_000),
  };
}
