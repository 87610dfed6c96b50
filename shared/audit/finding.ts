import type { ExceptionSetting } from "./exception-record";
import type { TicketRef } from "../domain/types";

/** Finding types of the nightly audit. Stable ids: reports, tickets and dashboards match on them. */
export const FINDING_TYPES = [
  "unapproved-smtp-auth",
  "privileged-account-weakened",
  "no-legacy-auth-protection",
  "org-smtp-auth-enabled",
  "expired-exception",
  "reverted-fix",
  "stale-exception",
  "reblocked-by-microsoft-policy",
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One severity per type, so a report sorts and counts the same way every night. */
export const SEVERITY_OF: Readonly<Record<FindingType, Severity>> = {
  "privileged-account-weakened": "critical",
  "org-smtp-auth-enabled": "high",
  "no-legacy-auth-protection": "high",
  "unapproved-smtp-auth": "high",
  "reverted-fix": "high",
  "expired-exception": "medium",
  "stale-exception": "low",
  "reblocked-by-microsoft-policy": "high",
};

/** The subject of a tenant-wide finding or exception. */
export const TENANT_SUBJECT = "tenant";
/** The subject of an unknown entry that covers every mailbox (a listing that failed). */
export const EVERY_SUBJECT = "*";

/** A finding as computed from one snapshot, before it is compared with the previous run. */
export interface FindingDraft {
  type: FindingType;
  /** Lower-case mailbox address, or "tenant". */
  subject: string;
  severity: Severity;
  detail: string;
  /** The exception the finding is about (expired, reverted, stale, weakened by an exception). */
  exceptionId?: string;
  setting?: ExceptionSetting;
  /** The ticket that asked for the exception: where a reverted fix is reported. */
  ticket?: TicketRef;
}

/** A finding in a stored run: the draft plus when it was first seen in an unbroken series of runs. */
export interface Finding extends FindingDraft {
  firstSeen: string;
}

/** A check the audit could not make because a layer could not be read. Never a finding. */
export interface UnknownEntry {
  type: FindingType;
  /** Mailbox, "tenant", or "*" for every mailbox. */
  subject: string;
  reason: string;
}

/** Identity of a finding across runs: the same key on consecutive runs is the same finding. */
export function findingKey(finding: Pick<FindingDraft, "type" | "subject" | "setting">): string {
  return finding.setting ? `${finding.type}|${finding.subject}|${finding.setting}` : `${finding.type}|${finding.subject}`;
}

/** Whether an unknown entry covers a finding (same check, same subject or every subject). */
export function unknownCovers(entry: UnknownEntry, finding: Pick<FindingDraft, "type" | "subject">): boolean {
  if (entry.type !== finding.type) return false;
  if (entry.subject === finding.subject) return true;
  return entry.subject === EVERY_SUBJECT && finding.subject !== TENANT_SUBJECT;
}
