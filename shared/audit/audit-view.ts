import type { Layer } from "../domain/layer";
import type { PerUserMfaState } from "../domain/types";
import { exceptionStatus, subjectKey } from "./exception-record";
import type { ExceptionRecord, ExceptionSetting } from "./exception-record";
import { TENANT_SUBJECT } from "./finding";
import type { AuditedMailbox, TenantSnapshot } from "./tenant-snapshot";

/** The exception that governs one subject and setting: the live one if any, else the latest expired one. */
export interface GoverningException {
  record: ExceptionRecord;
  live: boolean;
}

/**
 * Lookups the findings rules share: mailboxes by address and user id, and the exception that
 * governs each subject and setting (an older, expired grant is superseded by a newer live one).
 */
export class AuditView {
  private readonly byUserId = new Map<string, AuditedMailbox>();
  private readonly governing = new Map<string, GoverningException>();

  constructor(
    readonly snapshot: TenantSnapshot,
    exceptions: readonly ExceptionRecord[],
    readonly now: Date,
  ) {
    if (snapshot.mailboxes.known) for (const m of snapshot.mailboxes.value.values()) this.byUserId.set(m.userId, m);
    for (const record of exceptions) {
      const status = exceptionStatus(record, now);
      if (status === "closed") continue;
      const key = this.governingKey(this.subjectOf(record), record.setting);
      const candidate = { record, live: status === "active" };
      const current = this.governing.get(key);
      if (!current || outranks(candidate, current)) this.governing.set(key, candidate);
    }
  }

  /** Every governing exception, one per subject and setting. */
  governingExceptions(): GoverningException[] {
    return [...this.governing.values()];
  }

  governingFor(subject: string, setting: ExceptionSetting): GoverningException | undefined {
    return this.governing.get(this.governingKey(subject, setting));
  }

  /** The kept mailbox an exception is about: by address, else by the user id it recorded. */
  mailboxOf(record: ExceptionRecord): AuditedMailbox | undefined {
    if (!this.snapshot.mailboxes.known) return undefined;
    return this.snapshot.mailboxes.value.get(subjectKey(record.subject)) ?? (record.userId ? this.byUserId.get(record.userId) : undefined);
  }

  /** The subject findings about an exception carry: the mailbox's primary address when known. */
  subjectOf(record: ExceptionRecord): string {
    if (record.setting === "security-defaults") return TENANT_SUBJECT;
    return this.mailboxOf(record)?.address ?? subjectKey(record.subject);
  }

  mfaStateOf(userId: string | undefined): Layer<PerUserMfaState> {
    const mfa = this.snapshot.perUserMfa;
    if (!mfa.known) return mfa;
    const state = userId ? mfa.value.get(userId) : undefined;
    return state ? { known: true, value: state } : { known: false, reason: "the user's per-user MFA state could not be read" };
  }

  private governingKey(subject: string, setting: ExceptionSetting): string {
    return `${subject}|${setting}`;
  }
}

function outranks(a: GoverningException, b: GoverningException): boolean {
  if (a.live !== b.live) return a.live;
  return a.record.expiresAt > b.record.expiresAt;
}
