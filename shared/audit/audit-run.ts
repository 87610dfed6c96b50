import { FINDING_TYPES, SEVERITIES } from "./finding";
import type { Finding, FindingType, Severity, UnknownEntry } from "./finding";
import type { ReadinessSummary } from "./readiness";

/** Counts stored on a run row: enough for the summary and the trend chart without reading findings. */
export interface AuditSummary {
  findings: number;
  newFindings: number;
  unknown: number;
  bySeverity: Record<Severity, number>;
  byType: Record<FindingType, number>;
  /** Mailboxes listed and with SMTP AUTH effectively on; null when the listing failed. */
  mailboxes: number | null;
  smtpAuthOn: number | null;
  activeExceptions: number;
  autoReverted: number;
  /** Who breaks when basic auth for SMTP goes off; absent on runs stored before it was counted. */
  readiness?: ReadinessSummary;
}

export type AuditRunStatus = "running" | "completed";

/** One audit of one tenant. */
export interface AuditRunRecord {
  tenantId: string;
  runId: string;
  /** When the run was asked for (the timer tick); orders runs. */
  requestedAt: string;
  startedAt: string;
  completedAt?: string;
  status: AuditRunStatus;
  summary?: AuditSummary;
}

/** The stored results of one run. */
export interface AuditRunResults {
  findings: Finding[];
  carried: Finding[];
  unknown: UnknownEntry[];
}

/** Counts a run's results into its summary. */
export function summarize(
  results: AuditRunResults,
  extra: Omit<AuditSummary, "findings" | "unknown" | "bySeverity" | "byType">,
): AuditSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byType = Object.fromEntries(FINDING_TYPES.map((t) => [t, 0])) as Record<FindingType, number>;
  for (const f of results.findings) {
    bySeverity[f.severity] += 1;
    byType[f.type] += 1;
  }
  return { findings: results.findings.length, unknown: results.unknown.length, bySeverity, byType, ...extra };
}
