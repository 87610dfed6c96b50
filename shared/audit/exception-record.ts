import type { TenantPolicy, TicketRef } from "../domain/types";

/** The settings a weakening step changes; each applied step records one exception. */
export const EXCEPTION_SETTINGS = ["security-defaults", "mailbox-smtp-auth", "per-user-mfa"] as const;
export type ExceptionSetting = (typeof EXCEPTION_SETTINGS)[number];

/** Why an exception stopped applying before or after it expired ("undone": by an undo request). */
export type ExceptionClosedReason = "auto-reverted" | "revoked" | "undone";

/** What the step worker records after it applied a weakening step. */
export interface RecordExceptionInput {
  tenantId: string;
  /** Mailbox address (UPN or primary SMTP address), or "tenant" for security defaults. */
  subject: string;
  setting: ExceptionSetting;
  /** The state the step left the setting in, as the step names it: "enabled" for mailbox SMTP AUTH, "disabled" for MFA and security defaults. */
  valueApplied: string;
  requestId: string;
  /** Entra object id of the subject's user, when known: matches the mailbox even if the address changes. */
  userId?: string;
  ticket?: TicketRef;
  requestedBy?: string;
  reason?: string;
  grantedAt: Date;
  expiresAt: Date;
}

/** One approved weakening of a tenant, as stored in the exceptions register (times as ISO text). */
export interface ExceptionRecord extends Omit<RecordExceptionInput, "grantedAt" | "expiresAt"> {
  /** `${requestId}:${setting}`: one exception per request and setting. */
  id: string;
  grantedAt: string;
  expiresAt: string;
  closedAt?: string;
  closedReason?: ExceptionClosedReason;
}

export type ExceptionStatus = "active" | "expired" | "closed";

export function exceptionId(requestId: string, setting: ExceptionSetting): string {
  return `${requestId}:${setting}`;
}

/** Active until it expires; closed once reverted on purpose (then it no longer counts at all). */
export function exceptionStatus(record: ExceptionRecord, now: Date): ExceptionStatus {
  if (record.closedAt) return "closed";
  return Date.parse(record.expiresAt) <= now.getTime() ? "expired" : "active";
}

/** When an exception granted now lapses under the tenant's policy (default 180 days). */
export function exceptionExpiry(grantedAt: Date, policy: Pick<TenantPolicy, "exceptionDays">): Date {
  return new Date(grantedAt.getTime() + policy.exceptionDays * 24 * 60 * 60 * 1000);
}

/** The key the audit matches exceptions to mailboxes with: addresses compare case-insensitively. */
export function subjectKey(subject: string): string {
  return subject.trim().toLowerCase();
}
