import type { AuditRunRecord, AuditSummary } from "./audit-run";
import type { AuditRunStore } from "./audit-run-store";
import { TREND_RUNS, trendOf, type TrendPoint } from "./audit-report";
import type { AuditedTenant, TenantSource } from "./audit-ports";
import { SEVERITIES, type Severity } from "./finding";

/** One tenant in the cross-tenant summary: its latest completed audit, or none yet. */
export interface TenantAuditLine {
  tenantId: string;
  latest: { runId: string; completedAt: string; summary: AuditSummary } | null;
  /** Oldest first, the latest last. */
  trend: TrendPoint[];
}

/** The body of `GET /api/audits?latest=true`. */
export interface AuditOverview {
  generatedAt: string;
  tenants: TenantAuditLine[];
  totals: {
    tenants: number;
    audited: number;
    findings: number;
    unknown: number;
    bySeverity: Record<Severity, number>;
    /** Accounts that sent with basic-auth SMTP (they break at the switch), and tenants whose sign-in log could not say. */
    readiness: { sending: number; privileged: number; unavailable: number };
  };
}

/**
 * Every onboarded tenant's latest audit, side by side: one partition read per tenant (its recent
 * run rows carry their counts), no findings read.
 */
export async function auditOverview(
  tenants: TenantSource,
  runs: Pick<AuditRunStore, "recentRuns">,
  now: Date,
  /** The tenants the caller may see (an operator's scope); the totals count only those. */
  visible: (tenant: AuditedTenant) => boolean = () => true,
): Promise<AuditOverview> {
  const onboarded = (await tenants.list()).filter(visible);
  const lines = await Promise.all(onboarded.map(async (t) => line(t.tenantId, await runs.recentRuns(t.tenantId, TREND_RUNS))));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let findings = 0;
  let unknown = 0;
  const readiness = { sending: 0, privileged: 0, unavailable: 0 };
  for (const l of lines) {
    if (!l.latest) continue;
    findings += l.latest.summary.findings;
    unknown += l.latest.summary.unknown;
    for (const s of SEVERITIES) bySeverity[s] += l.latest.summary.bySeverity[s];
    const r = l.latest.summary.readiness;
    if (!r || r.unavailable) readiness.unavailable += 1;
    else {
      readiness.sending += r.sending;
      readiness.privileged += r.privileged;
    }
  }
  return {
    generatedAt: now.toISOString(),
    tenants: lines.sort((a, b) => a.tenantId.localeCompare(b.tenantId)),
    totals: { tenants: lines.length, audited: lines.filter((l) => l.latest).length, findings, unknown, bySeverity, readiness },
  };
}

function line(tenantId: string, recent: AuditRunRecord[]): TenantAuditLine {
  const latest = recent[0];
  return {
    tenantId,
    latest: latest?.summary ? { runId: latest.runId, completedAt: latest.completedAt ?? latest.startedAt, summary: latest.summary } : null,
    trend: trendOf(recent),
  };
}
