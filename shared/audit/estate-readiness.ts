import { VERIFICATION_STATUSES, type VerificationStatus } from "../domain/verification";
import type { AuditedTenant, TenantSource } from "./audit-ports";
import type { AuditRunStore } from "./audit-run-store";
import { controlIdsOf } from "./compliance-controls";
import { estateSenders, type EstateSender } from "./estate-senders";
import { FINDING_TYPES, type FindingType } from "./finding";
import { dailySending, type DailySending } from "./estate-daily";
import { READINESS_PATHS, type ReadinessPath, type ReadinessReport } from "./readiness";

/** How far back "moved" looks: the oldest of this many recent runs is the baseline. */
export const BASELINE_RUNS = 30;
/** Days the estate chart shows. */
export const CHART_DAYS = 30;
/** Tenants read at once: each is three small reads. */
const TENANTS_AT_ONCE = 8;

/** One tenant's line in the estate table. */
export interface EstateTenantLine {
  tenantId: string;
  displayName: string;
  auditedAt: string | null;
  /** Accounts that signed in with basic-auth SMTP in the latest audit's window. */
  onBasicAuth: number;
  /** Accounts in the baseline audit that no longer use basic-auth SMTP. */
  moved: number;
  byPath: Record<ReadinessPath, number>;
  findings: number;
  findingsByType: Record<FindingType, number>;
  /** Compliance controls the open findings are evidence against (CIS 6.5.4, SCuBA MS.EXO.5.1). */
  controls: string[];
  /** Remediations' verification outcomes (the tenant's requests of the last 30 days, up to 100). */
  verification: Record<VerificationStatus, number>;
  /** Why the tenant's readiness is not known (not audited, sign-in log unreadable). */
  unavailable?: string;
}

/** The body of `GET /api/readiness`. */
export interface EstateReadiness {
  generatedAt: string;
  tenants: EstateTenantLine[];
  senders: EstateSender[];
  /** Senders left on basic auth across the estate, per day, oldest first. */
  daily: DailySending[];
}

export interface EstateDeps {
  tenants: TenantSource;
  runs: Pick<AuditRunStore, "recentRuns" | "loadReadiness" | "daily">;
  verificationOutcomes: (tenantId: string) => Promise<VerificationStatus[]>;
}

/**
 * Every tenant in the caller's scope: readiness (senders by path, moved, still on basic auth),
 * findings with their control ids, verification outcomes, every sender, and the nightly counts.
 */
export async function estateReadiness(deps: EstateDeps, now: Date, visible: (tenant: AuditedTenant) => boolean): Promise<EstateReadiness> {
  const tenants = (await deps.tenants.list()).filter(visible).sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  const lines: EstateTenantLine[] = [];
  const senders: EstateSender[] = [];
  for (let i = 0; i < tenants.length; i += TENANTS_AT_ONCE) {
    const batch = await Promise.all(tenants.slice(i, i + TENANTS_AT_ONCE).map((t) => tenantEstate(t, deps)));
    for (const b of batch) {
      lines.push(b.line);
      senders.push(...b.senders);
    }
  }
  const daily = await dailySending(deps.runs.daily, new Set(tenants.map((t) => t.tenantId)), now, CHART_DAYS);
  return { generatedAt: now.toISOString(), tenants: lines, senders, daily };
}

async function tenantEstate(tenant: AuditedTenant, deps: EstateDeps): Promise<{ line: EstateTenantLine; senders: EstateSender[] }> {
  const [recent, outcomes] = await Promise.all([deps.runs.recentRuns(tenant.tenantId, BASELINE_RUNS), deps.verificationOutcomes(tenant.tenantId)]);
  const latest = recent[0];
  const baselineRun = recent.length > 1 ? recent[recent.length - 1] : undefined;
  const [report, baseline] = await Promise.all([
    latest ? deps.runs.loadReadiness(tenant.tenantId, latest.runId) : null,
    baselineRun ? deps.runs.loadReadiness(tenant.tenantId, baselineRun.runId) : null,
  ]);
  const displayName = tenant.displayName ?? tenant.tenantId;
  const senders = report && !report.unavailable ? estateSenders(tenant.tenantId, displayName, report, baseline) : [];
  const byPath = Object.fromEntries(READINESS_PATHS.map((p) => [p, 0])) as Record<ReadinessPath, number>;
  for (const s of senders) if (s.status !== "moved") byPath[s.path] += 1;
  const findingsByType = Object.fromEntries(FINDING_TYPES.map((t) => [t, latest?.summary?.byType[t] ?? 0])) as Record<FindingType, number>;
  const verification = Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, outcomes.filter((o) => o === s).length])) as Record<VerificationStatus, number>;
  const line: EstateTenantLine = {
    tenantId: tenant.tenantId,
    displayName,
    auditedAt: latest ? (latest.completedAt ?? latest.startedAt) : null,
    onBasicAuth: senders.filter((s) => s.status === "on-basic-auth").length,
    moved: senders.filter((s) => s.status === "moved").length,
    byPath,
    findings: latest?.summary?.findings ?? 0,
    findingsByType,
    controls: [...new Set(FINDING_TYPES.filter((t) => findingsByType[t] > 0).flatMap((type) => controlIdsOf({ type })))],
    verification,
    ...unavailable(latest ? report : undefined),
  };
  return { line, senders };
}

/** Why a tenant shows no readiness: never audited, or its latest audit could not read the sign-in log. */
function unavailable(report: ReadinessReport | null | undefined): { unavailable?: string } {
  if (report === undefined) return { unavailable: "not audited yet" };
  if (report === null) return { unavailable: "the latest audit made no readiness report" };
  return report.unavailable ? { unavailable: report.unavailable } : {};
}
