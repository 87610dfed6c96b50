import { summarize } from "./audit-run";
import type { AuditRunRecord, AuditRunResults, AuditSummary } from "./audit-run";
import type { AuditRunStore } from "./audit-run-store";
import { controlIdsOf } from "./compliance-controls";
import { SEVERITIES } from "./finding";
import type { Finding, Severity, UnknownEntry } from "./finding";

/** How many earlier runs the trend shows. */
export const TREND_RUNS = 14;

export interface TrendPoint {
  runId: string;
  completedAt: string;
  findings: number;
  bySeverity: Record<Severity, number>;
}

/** A finding as reported: with the ids of the controls it bears on (CIS 6.5.4, SCuBA MS.EXO.5.1), empty when none. */
export type ReportedFinding = Finding & { controls: string[] };

/** The body of `GET /api/audits/{tenantId}/latest`. */
export interface AuditReport {
  tenantId: string;
  runId: string;
  requestedAt: string;
  startedAt: string;
  completedAt: string;
  summary: AuditSummary;
  /** Most severe first, each with the compliance controls it is evidence against (compliance-controls.ts). */
  findings: ReportedFinding[];
  /** Checks this run could not make, with the reason. */
  unknown: UnknownEntry[];
  /** Findings of earlier runs that this run could not re-check: neither cleared nor confirmed. */
  carried: Finding[];
  /** Oldest first, this run last. */
  trend: TrendPoint[];
}

/** The latest completed run of a tenant as a report; null when none has completed. */
export async function latestAuditReport(runs: Pick<AuditRunStore, "recentRuns" | "loadResults">, tenantId: string): Promise<AuditReport | null> {
  const recent = await runs.recentRuns(tenantId, TREND_RUNS);
  const latest = recent[0];
  if (!latest) return null;
  return toReport(latest, await runs.loadResults(tenantId, latest.runId), recent);
}

/** Builds the report from a run, its results and the recent runs (latest first). */
export function toReport(run: AuditRunRecord, results: AuditRunResults, recent: readonly AuditRunRecord[]): AuditReport {
  const rank = (f: Finding): number => SEVERITIES.indexOf(f.severity);
  const bySeverityThenSubject = (a: Finding, b: Finding): number => rank(a) - rank(b) || a.type.localeCompare(b.type) || a.subject.localeCompare(b.subject);
  return {
    tenantId: run.tenantId,
    runId: run.runId,
    requestedAt: run.requestedAt,
    startedAt: run.startedAt,
    completedAt: run.completedAt ?? run.startedAt,
    summary: run.summary ?? emptySummary(),
    findings: [...results.findings].sort(bySeverityThenSubject).map((f) => ({ ...f, controls: controlIdsOf(f) })),
    unknown: [...results.unknown].sort((a, b) => a.type.localeCompare(b.type) || a.subject.localeCompare(b.subject)),
    carried: [...results.carried].sort(bySeverityThenSubject),
    trend: trendOf(recent),
  };
}

/** The trend of recent runs (given latest first), oldest first. */
export function trendOf(recent: readonly AuditRunRecord[]): TrendPoint[] {
  return [...recent].reverse().map((r) => ({
    runId: r.runId,
    completedAt: r.completedAt ?? r.startedAt,
    findings: r.summary?.findings ?? 0,
    bySeverity: r.summary?.bySeverity ?? emptySummary().bySeverity,
  }));
}

function emptySummary(): AuditSummary {
  return summarize({ findings: [], carried: [], unknown: [] }, { newFindings: 0, mailboxes: null, smtpAuthOn: null, activeExceptions: 0, autoReverted: 0 });
}
