import { known, unknown } from "../../../../shared/domain/layer";
import type { PerUserMfaState } from "../../../../shared/domain/types";
import type { ExceptionRecord } from "../../../../shared/audit/exception-record";
import type { AuditedMailbox, TenantSnapshot } from "../../../../shared/audit/tenant-snapshot";

export const NOW = new Date("2025-06-01T02:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

/** An ISO instant `days` from NOW (negative: in the past). */
export function daysFromNow(days: number): string {
  return new Date(NOW.getTime() + days * DAY).toISOString();
}

export function mailbox(address: string, smtpAuthDisabled: boolean | null, userId = `id-${address}`): AuditedMailbox {
  return { userId, address, identity: address.split("@")[0] ?? address, smtpAuthDisabled };
}

export interface SnapshotParts {
  securityDefaultsEnabled?: boolean | string;
  orgSmtpAuthDisabled?: boolean | string;
  blockingPolicies?: string[] | string;
  mailboxes?: AuditedMailbox[] | string;
  mailboxCount?: number;
  orgFollowerCount?: number;
  privileged?: Record<string, string[]> | string;
  mfa?: Record<string, PerUserMfaState> | string;
  signIns?: Record<string, string> | null | string;
}

/** A layer from a value, or an unknown layer when given a string (the reason). */
function layer<T>(value: T | string): ReturnType<typeof known<T>> {
  return typeof value === "string" ? unknown(value) : known(value);
}

/** A compliant tenant (security defaults on, org SMTP AUTH off), changed by the parts given. */
export function snapshot(parts: SnapshotParts = {}): TenantSnapshot {
  const list = typeof parts.mailboxes === "string" ? parts.mailboxes : (parts.mailboxes ?? []);
  const signIns = parts.signIns === undefined ? null : parts.signIns;
  return {
    tenantId: "t1",
    readAt: NOW.toISOString(),
    securityDefaultsEnabled: layer(parts.securityDefaultsEnabled ?? true),
    orgSmtpAuthDisabled: layer(parts.orgSmtpAuthDisabled ?? true),
    legacyAuthBlockingPolicies: layer(parts.blockingPolicies ?? []),
    mailboxes: typeof list === "string" ? unknown(list) : known(new Map(list.map((m) => [m.address, m]))),
    mailboxCount: parts.mailboxCount ?? (typeof list === "string" ? 0 : list.length),
    orgFollowerCount: parts.orgFollowerCount ?? 0,
    privilegedRoles:
      typeof parts.privileged === "string" ? unknown(parts.privileged) : known(new Map(Object.entries(parts.privileged ?? {}).map(([id, roles]) => [id, known(roles)]))),
    perUserMfa: typeof parts.mfa === "string" ? unknown(parts.mfa) : known(new Map(Object.entries(parts.mfa ?? {}))),
    smtpSignIns:
      typeof signIns === "string" ? unknown(signIns) : known(signIns === null ? null : { since: daysFromNow(-30), lastSignIn: new Map(Object.entries(signIns)), senders: new Map() }),
  };
}

/** A live mailbox-smtp-auth exception granted 10 days ago, unless told otherwise. */
export function exception(subject: string, parts: Partial<ExceptionRecord> = {}): ExceptionRecord {
  const setting = parts.setting ?? "mailbox-smtp-auth";
  const requestId = parts.requestId ?? `req-${subject}`;
  return {
    id: `${requestId}:${setting}`,
    tenantId: "t1",
    subject,
    setting,
    valueApplied: setting === "per-user-mfa" ? "disabled" : "false",
    requestId,
    ticket: { system: "zendesk", id: `Z-${subject}` },
    grantedAt: daysFromNow(-10),
    expiresAt: daysFromNow(170),
    ...parts,
  };
}
