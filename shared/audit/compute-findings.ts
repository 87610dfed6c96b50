import type { ExceptionRecord } from "./exception-record";
import { AuditView } from "./audit-view";
import { exceptionFindings } from "./exception-findings";
import { reblockFindings } from "./reblock-findings";
import { EVERY_SUBJECT, findingKey, SEVERITY_OF, TENANT_SUBJECT } from "./finding";
import type { FindingDraft, FindingType, UnknownEntry } from "./finding";
import { effectiveSmtpAuthOn } from "./tenant-snapshot";
import type { TenantSnapshot } from "./tenant-snapshot";

/** What one snapshot says, before it is compared with earlier runs. */
export interface ComputedAudit {
  findings: FindingDraft[];
  unknown: UnknownEntry[];
  /** Mailboxes listed, and those with SMTP AUTH effectively on (null when the listing failed). */
  mailboxes: number | null;
  smtpAuthOn: number | null;
  activeExceptions: number;
}

type Sink = { findings: FindingDraft[]; unknown: UnknownEntry[] };

/**
 * The findings rules, pure: the tenant held against its exceptions. A layer that could not be read
 * yields unknown entries for the checks that need it, never a finding.
 */
export function computeFindings(snapshot: TenantSnapshot, exceptions: readonly ExceptionRecord[], now: Date): ComputedAudit {
  const view = new AuditView(snapshot, exceptions, now);
  const out: Sink = { findings: [], unknown: [] };
  tenantFindings(view, out);
  const smtpAuthOn = mailboxFindings(view, out);
  exceptionFindings(view, out);
  reblockFindings(view, out);
  return {
    findings: dedupe(out.findings),
    unknown: out.unknown,
    mailboxes: snapshot.mailboxes.known ? snapshot.mailboxCount : null,
    smtpAuthOn,
    activeExceptions: view.governingExceptions().filter((g) => g.live).length,
  };
}

function tenantFindings(view: AuditView, out: Sink): void {
  const { orgSmtpAuthDisabled: org, securityDefaultsEnabled: sd, legacyAuthBlockingPolicies: ca } = view.snapshot;
  if (!org.known) out.unknown.push({ type: "org-smtp-auth-enabled", subject: TENANT_SUBJECT, reason: org.reason });
  else if (!org.value) {
    const followers = view.snapshot.mailboxes.known ? `${view.snapshot.orgFollowerCount} mailboxes follow it` : "every mailbox that follows it";
    out.findings.push(tenantDraft("org-smtp-auth-enabled", `SMTP AUTH is on for the organisation: ${followers} and can use SMTP AUTH.`));
  }

  const protectedBySd = sd.known && sd.value;
  const protectedByCa = ca.known && ca.value.length > 0;
  if (protectedBySd || protectedByCa) return;
  if (!sd.known || !ca.known) {
    const reason = [sd, ca].flatMap((l) => (l.known ? [] : [l.reason])).join("; ");
    out.unknown.push({ type: "no-legacy-auth-protection", subject: TENANT_SUBJECT, reason });
    return;
  }
  const sdException = view.governingFor(TENANT_SUBJECT, "security-defaults");
  const why = sdException ? ` (security defaults are off under exception ${sdException.record.id})` : "";
  out.findings.push(tenantDraft("no-legacy-auth-protection", `Security defaults are off and no enabled Conditional Access policy blocks legacy authentication${why}.`));
}

/** Per-mailbox rules; returns how many mailboxes have SMTP AUTH effectively on. */
function mailboxFindings(view: AuditView, out: Sink): number | null {
  const { mailboxes, orgSmtpAuthDisabled: org, privilegedRoles } = view.snapshot;
  if (!mailboxes.known) {
    for (const type of ["unapproved-smtp-auth", "privileged-account-weakened"] as const) {
      out.unknown.push({ type, subject: EVERY_SUBJECT, reason: mailboxes.reason });
    }
    return null;
  }
  let smtpAuthOn = org.known && !org.value ? view.snapshot.orgFollowerCount : 0;
  let privilegedUnknownNoted = false;
  for (const m of mailboxes.value.values()) {
    const on = effectiveSmtpAuthOn(m, org);
    const smtpException = view.governingFor(m.address, "mailbox-smtp-auth");
    if (on.known && on.value && m.smtpAuthDisabled !== null) smtpAuthOn += 1;
    // Followers of an open organisation flag are one org-smtp-auth-enabled finding, not one each.
    if (on.known && on.value && m.smtpAuthDisabled === false && !smtpException) {
      out.findings.push(mailboxDraft("unapproved-smtp-auth", m.address, "SMTP AUTH is on for this mailbox and no exception approves it."));
    }

    if (!privilegedRoles.known) {
      if (!privilegedUnknownNoted) out.unknown.push({ type: "privileged-account-weakened", subject: EVERY_SUBJECT, reason: privilegedRoles.reason });
      privilegedUnknownNoted = true;
      continue;
    }
    const held = privilegedRoles.value.get(m.userId);
    if (!held) continue;
    const weakenings: string[] = [];
    const reasons: string[] = held.known ? [] : [held.reason];
    const roles = held.known ? held.value : ["a role that could not be judged"];
    if (on.known && on.value) weakenings.push("SMTP AUTH is on");
    if (!on.known) reasons.push(on.reason);
    if (view.governingFor(m.address, "per-user-mfa")) {
      const mfa = view.mfaStateOf(m.userId);
      if (mfa.known && mfa.value === "disabled") weakenings.push("per-user MFA is off by an exception");
      if (!mfa.known) reasons.push(mfa.reason);
    }
    if (weakenings.length > 0) {
      out.findings.push(mailboxDraft("privileged-account-weakened", m.address, `Holder of ${roles.join(", ")}: ${weakenings.join(" and ")}.`));
    } else if (reasons.length > 0) {
      out.unknown.push({ type: "privileged-account-weakened", subject: m.address, reason: reasons.join("; ") });
    }
  }
  return smtpAuthOn;
}

function tenantDraft(type: FindingType, detail: string): FindingDraft {
  return { type, subject: TENANT_SUBJECT, severity: SEVERITY_OF[type], detail };
}

function mailboxDraft(type: FindingType, subject: string, detail: string): FindingDraft {
  return { type, subject, severity: SEVERITY_OF[type], detail };
}

function dedupe(findings: FindingDraft[]): FindingDraft[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
