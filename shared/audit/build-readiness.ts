import { BASIC_AUTH_DEFAULT_OFF_AT, failureCause, recommendPath } from "./readiness";
import type { ReadinessReport, ReadinessSender, SenderTally } from "./readiness";
import { exceptionStatus, subjectKey } from "./exception-record";
import type { ExceptionRecord } from "./exception-record";
import type { TenantSnapshot } from "./tenant-snapshot";
import { reportText } from "./report-phrases";

const RETIREMENT_SOURCE = "Microsoft MC786329; Exchange Team blog, 27 January 2026";
const NO_SIGN_IN_LOGS = { code: "unavailable.no-p1" };

/**
 * The readiness report from the audit's own snapshot: the senders its one sign-in read saw, plus the
 * mailboxes that keep SMTP AUTH open (flag on, or an active exception) without a sign-in in the window.
 * No read of its own. Without sign-in logs the report says so instead of listing nobody.
 */
export function buildReadiness(snapshot: TenantSnapshot, exceptions: readonly ExceptionRecord[], runId: string, now: Date, windowDays = 30): ReadinessReport {
  const base = { tenantId: snapshot.tenantId, generatedAt: now.toISOString(), runId, retirement: { defaultOffAt: BASIC_AUTH_DEFAULT_OFF_AT, source: RETIREMENT_SOURCE }, windowDays };
  const evidence = snapshot.smtpSignIns;
  if (!evidence.known) return { ...base, senders: [], unavailable: evidence.reason };
  if (evidence.value === null) return { ...base, senders: [], unavailable: reportText(NO_SIGN_IN_LOGS, "en"), unavailableCode: NO_SIGN_IN_LOGS };

  const tallies = new Map(evidence.value.senders);
  const active = exceptions.filter((e) => e.setting === "mailbox-smtp-auth" && exceptionStatus(e, now) === "active");
  const idle = (upn: string, userId: string): SenderTally => ({ upn, userId, signIns: 0, ipAddresses: new Set() });
  for (const e of active) if (!tallies.has(subjectKey(e.subject))) tallies.set(subjectKey(e.subject), idle(subjectKey(e.subject), e.userId ?? ""));
  if (snapshot.mailboxes.known) {
    for (const m of snapshot.mailboxes.value.values()) if (m.smtpAuthDisabled === false && !tallies.has(m.address)) tallies.set(m.address, idle(m.address, m.userId));
  }

  const roles = snapshot.privilegedRoles;
  const senders: ReadinessSender[] = [...tallies.values()].map((t) => {
    const exception = active.find((e) => subjectKey(e.subject) === t.upn || (e.userId !== undefined && e.userId === t.userId));
    const cause = failureCause(t.lastFailureCode);
    return {
      upn: t.upn,
      ...(t.lastSuccessAt ? { lastSuccessAt: t.lastSuccessAt } : {}),
      ...(t.lastFailureAt ? { lastFailureAt: t.lastFailureAt, lastFailureCode: t.lastFailureCode, lastFailureCause: cause } : {}),
      signIns: t.signIns,
      ipAddresses: [...t.ipAddresses].sort(),
      ...(exception ? { exception: { id: exception.id, expiresAt: exception.expiresAt, ...(exception.ticket ? { ticket: { system: exception.ticket.system, id: exception.ticket.id } } : {}) } } : {}),
      privileged: privilegeOf(roles, t.userId),
      ...recommendPath(t, windowDays),
    };
  });
  senders.sort((a, b) => b.signIns - a.signIns || a.upn.localeCompare(b.upn));
  return { ...base, senders };
}

/** Privileged when a role is held; "unknown" when the tenant's roles, or this user's, could not be judged (fail closed, never "no"). */
function privilegeOf(roles: TenantSnapshot["privilegedRoles"], userId: string): boolean | "unknown" {
  if (!roles.known) return "unknown";
  const held = roles.value.get(userId);
  if (!held) return false;
  return held.known ? true : "unknown";
}
