import { controlIdsOf } from "../../../../shared/audit/compliance-controls";
import type { AuditReport } from "../../../../shared/audit/audit-report";
import { summarize } from "../../../../shared/audit/audit-run";
import type { Finding, UnknownEntry } from "../../../../shared/audit/finding";

/** A report with three runs of trend: 1 high; 1 high + 1 medium; 1 critical + 1 high (5 bar segments). */
export function sampleReport(options: { subject?: string; unknown?: UnknownEntry[] } = {}): AuditReport {
  const subject = options.subject ?? "printer@contoso.com";
  const findings: Finding[] = [
    { type: "privileged-account-weakened", subject: "admin@contoso.com", severity: "critical", detail: "Holder of Global Administrator: SMTP AUTH is on.", firstSeen: "2025-06-03T02:00:00.000Z" },
    { type: "reverted-fix", subject, severity: "high", detail: "mailbox-smtp-auth was turned back.", firstSeen: "2025-06-01T02:00:00.000Z", ticket: { system: "zendesk", id: "123" }, setting: "mailbox-smtp-auth" },
  ];
  const unknown = options.unknown ?? [{ type: "unapproved-smtp-auth", subject: "*", reason: "listing CAS mailboxes failed (exchange exchange.listCasMailboxes: permanent, 401)" }];
  const summary = summarize({ findings, carried: [], unknown }, { newFindings: 1, mailboxes: 1200, smtpAuthOn: 2, activeExceptions: 1, autoReverted: 0 });
  const point = (runId: string, critical: number, high: number, medium: number) => ({
    runId,
    completedAt: `2025-06-0${runId.slice(-1)}T02:05:00.000Z`,
    findings: critical + high + medium,
    bySeverity: { critical, high, medium, low: 0 },
  });
  return {
    tenantId: "contoso",
    runId: "20250603T020000Z",
    requestedAt: "2025-06-03T02:00:00.000Z",
    startedAt: "2025-06-03T02:00:01.000Z",
    completedAt: "2025-06-03T02:05:00.000Z",
    summary,
    findings: findings.map((f) => ({ ...f, controls: controlIdsOf(f) })),
    unknown,
    carried: [],
    trend: [point("run1", 0, 1, 0), point("run2", 0, 1, 1), point("run3", 1, 1, 0)],
  };
}
