import type { Locale } from "../domain/types";
import type { AuditNotification } from "./audit-ports";
import { findingKey, SEVERITIES } from "./finding";
import type { Finding } from "./finding";

/** A notification lists at most this many findings; the linked report has them all. */
export const NOTIFIED_FINDINGS_LIMIT = 50;

/**
 * The notifications for a run's new findings: each reverted fix to the ticket that asked for the
 * fix, everything else in one message. Message ids are stable per run and finding, so a redelivered
 * audit sends nothing twice.
 */
export function notificationsFor(tenantId: string, runId: string, locale: Locale, newFindings: readonly Finding[]): AuditNotification[] {
  const out: AuditNotification[] = [];
  const rest: Finding[] = [];
  for (const finding of newFindings) {
    if (finding.type === "reverted-fix" && finding.ticket) {
      out.push({ kind: "audit-reverted-fix", messageId: `audit:${tenantId}:${runId}:${findingKey(finding)}`, tenantId, runId, locale, ticket: finding.ticket, finding });
    } else {
      rest.push(finding);
    }
  }
  if (rest.length > 0) {
    const rank = (f: Finding): number => SEVERITIES.indexOf(f.severity);
    const sorted = [...rest].sort((a, b) => rank(a) - rank(b) || a.subject.localeCompare(b.subject));
    out.push({
      kind: "audit-new-findings",
      messageId: `audit:${tenantId}:${runId}:new-findings`,
      tenantId,
      runId,
      locale,
      totalNew: rest.length,
      findings: sorted.slice(0, NOTIFIED_FINDINGS_LIMIT),
      reportPath: `/api/audits/${encodeURIComponent(tenantId)}/latest?format=html`,
    });
  }
  return out;
}
