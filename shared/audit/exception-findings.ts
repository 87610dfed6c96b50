import type { Layer } from "../domain/layer";
import type { ExceptionRecord } from "./exception-record";
import { SEVERITY_OF, TENANT_SUBJECT } from "./finding";
import type { FindingDraft, FindingType, UnknownEntry } from "./finding";
import type { AuditView, GoverningException } from "./audit-view";
import { effectiveSmtpAuthOn } from "./tenant-snapshot";
import { isSecurityDefaults, whoChanged } from "./who-changed";

/** No SMTP AUTH sign-in for this long makes a live exception stale. */
export const STALE_AFTER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Findings about the exceptions themselves: an expired one whose setting is still weakened, a live
 * one whose setting someone turned back (the device is probably failing again), and a live one
 * nobody has used for SMTP AUTH in 30 days (only when the tenant has sign-in logs).
 */
export function exceptionFindings(view: AuditView, out: { findings: FindingDraft[]; unknown: UnknownEntry[] }): void {
  for (const governing of view.governingExceptions()) {
    const { record, live } = governing;
    const subject = view.subjectOf(record);
    const weakened = stillWeakened(view, record);
    if (!weakened.known) {
      const types: FindingType[] = live ? ["reverted-fix", "stale-exception"] : ["expired-exception"];
      for (const type of types) out.unknown.push({ type, subject, reason: weakened.reason });
      continue;
    }
    if (!live) {
      if (weakened.value) out.findings.push(draft("expired-exception", subject, record, `The exception for ${record.setting} expired on ${record.expiresAt.slice(0, 10)} and the setting is still weakened.`));
      continue;
    }
    if (!weakened.value) {
      // Security defaults back on: name who, when Entra's directory audit log shows it (read only then).
      const who = record.setting === "security-defaults" && view.snapshot.policyAudits ? ` Security defaults: ${whoChanged(isSecurityDefaults, view.snapshot.policyAudits)}.` : "";
      out.findings.push(draft("reverted-fix", subject, record, `${record.setting} was turned back after request ${record.requestId} changed it; whatever needed the fix is probably failing again.${who}`));
      continue;
    }
    staleCheck(view, governing, subject, out);
  }
}

/** Whether the exception's setting still holds the value the step applied. */
function stillWeakened(view: AuditView, record: ExceptionRecord): Layer<boolean> {
  const { snapshot } = view;
  if (record.setting === "security-defaults") {
    const sd = snapshot.securityDefaultsEnabled;
    return sd.known ? { known: true, value: !sd.value } : sd;
  }
  if (!snapshot.mailboxes.known) return snapshot.mailboxes;
  const mailbox = view.mailboxOf(record);
  if (record.setting === "per-user-mfa") {
    const mfa = view.mfaStateOf(mailbox?.userId ?? record.userId);
    return mfa.known ? { known: true, value: mfa.value === "disabled" } : mfa;
  }
  if (!mailbox) return { known: false, reason: "the mailbox is not in the CAS mailbox listing (removed or renamed?)" };
  return effectiveSmtpAuthOn(mailbox, snapshot.orgSmtpAuthDisabled);
}

function staleCheck(view: AuditView, governing: GoverningException, subject: string, out: { findings: FindingDraft[]; unknown: UnknownEntry[] }): void {
  const { record } = governing;
  if (Date.parse(record.grantedAt) > view.now.getTime() - STALE_AFTER_DAYS * DAY_MS) return;
  const evidence = view.snapshot.smtpSignIns;
  if (!evidence.known) {
    out.unknown.push({ type: "stale-exception", subject, reason: evidence.reason });
    return;
  }
  if (evidence.value === null) return;
  const { lastSignIn } = evidence.value;
  const used =
    subject === TENANT_SUBJECT
      ? lastSignIn.size > 0
      : lastSignIn.has(subject) || lastSignIn.has(record.subject.toLowerCase()) || [view.mailboxOf(record)?.userId, record.userId].some((id) => id !== undefined && lastSignIn.has(id));
  if (!used) out.findings.push(draft("stale-exception", subject, record, `No SMTP AUTH sign-in in the last ${STALE_AFTER_DAYS} days; the exception may no longer be needed.`));
}

function draft(type: FindingType, subject: string, record: ExceptionRecord, detail: string): FindingDraft {
  return {
    type,
    subject,
    severity: SEVERITY_OF[type],
    detail,
    exceptionId: record.id,
    setting: record.setting,
    ...(record.ticket ? { ticket: record.ticket } : {}),
  };
}
