import type { ReadinessPath, ReadinessReport, ReadinessSender } from "./readiness";

/**
 * Where a sender stands: `on-basic-auth` (its basic-auth SMTP sign-ins worked in the window),
 * `failing` (they all failed), `idle` (SMTP AUTH open, no sign-in), `moved` (it used basic auth in
 * the baseline audit and no longer does).
 */
export const SENDER_STATUSES = ["on-basic-auth", "failing", "idle", "moved"] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];

/** One sender of one tenant, as the estate table and the CSV show it. */
export interface EstateSender {
  tenantId: string;
  tenantName: string;
  upn: string;
  /** The last basic-auth SMTP sign-in, worked or not. */
  lastBasicAuthAt?: string;
  /** The IP addresses it signed in from. */
  addresses: string[];
  path: ReadinessPath;
  status: SenderStatus;
  privileged: boolean | "unknown";
  /** Its SMTP AUTH stays open under an approved exception. */
  exception: boolean;
}

/** A tenant's senders from its latest readiness report, plus those of the baseline report that moved off basic auth. */
export function estateSenders(tenantId: string, tenantName: string, latest: ReadinessReport, baseline: ReadinessReport | null): EstateSender[] {
  const row = (s: ReadinessSender, status: SenderStatus): EstateSender => ({
    tenantId,
    tenantName,
    upn: s.upn,
    ...(lastOf(s) ? { lastBasicAuthAt: lastOf(s) } : {}),
    addresses: [...s.ipAddresses],
    path: s.path,
    status,
    privileged: s.privileged,
    exception: Boolean(s.exception),
  });
  const current = latest.senders.map((s) => row(s, statusOf(s)));
  const listed = new Set(latest.senders.map((s) => s.upn.toLowerCase()));
  const moved = (baseline?.unavailable ? [] : (baseline?.senders ?? [])).filter((s) => s.signIns > 0 && !listed.has(s.upn.toLowerCase())).map((s) => row(s, "moved"));
  return [...current, ...moved];
}

function statusOf(s: ReadinessSender): SenderStatus {
  if (s.signIns === 0) return "idle";
  return s.lastSuccessAt ? "on-basic-auth" : "failing";
}

function lastOf(s: ReadinessSender): string | undefined {
  if (!s.lastSuccessAt) return s.lastFailureAt;
  if (!s.lastFailureAt) return s.lastSuccessAt;
  return s.lastSuccessAt > s.lastFailureAt ? s.lastSuccessAt : s.lastFailureAt;
}
