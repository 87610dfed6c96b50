import { causeOfSignInError } from "./sign-in-error-codes";
import type { CauseId } from "./types";

export const VERIFICATION_STATUSES = ["waiting", "confirmed", "failing", "not-seen", "unavailable"] as const;
/** What the tenant's sign-in log says about a fix: the device is the judge. */
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** One SMTP sign-in as the verification reads it. */
export interface ObservedSignIn {
  at: string;
  ipAddress: string;
  /** 0 = success. */
  errorCode: number;
}

/** A request's verification, as stored and as `GET /api/remediations/{id}` shows it. */
export interface Verification {
  status: VerificationStatus;
  /** When the fix ended: only sign-ins from then on count. */
  since: string;
  /** The end of the window: a request with no sign-in by then is not-seen. */
  until: string;
  checkedAt: string;
  /** The latest SMTP sign-in of the mailbox since the fix; errorCode only when it failed. */
  signIn?: { at: string; ipAddress: string; errorCode?: number };
  /** failing: the cause the sign-in's error code points to. */
  cause?: CauseId;
  /** unavailable: why the log could not tell. */
  reason?: string;
}

/** A fresh verification for a fix that ended at `since`. */
export function startVerification(since: Date, windowMs: number): Verification {
  const at = since.toISOString();
  return { status: "waiting", since: at, until: new Date(since.getTime() + windowMs).toISOString(), checkedAt: at };
}

/** Whether the timer still reads the log for it: waiting, or failing while the window lasts. */
export function isVerificationOpen(v: Verification): boolean {
  if (v.status === "waiting") return true;
  return v.status === "failing" && v.checkedAt < v.until;
}

/**
 * The next verification from the mailbox's SMTP sign-ins (any order, any age). The latest sign-in
 * since the fix decides: a success confirms, a failure names its cause. With none by the end of the
 * window a waiting fix is not-seen; a failing one stays failing and is no longer checked.
 */
export function judgeVerification(current: Verification, signIns: readonly ObservedSignIn[], now: Date): Verification {
  if (!isVerificationOpen(current)) return current;
  const checkedAt = now.toISOString();
  const since = Date.parse(current.since);
  const latest = signIns
    .filter((s) => Date.parse(s.at) >= since)
    .reduce<ObservedSignIn | undefined>((best, s) => (!best || Date.parse(s.at) > Date.parse(best.at) ? s : best), undefined);
  const base = { since: current.since, until: current.until, checkedAt };
  if (latest?.errorCode === 0) return { ...base, status: "confirmed", signIn: { at: latest.at, ipAddress: latest.ipAddress } };
  if (latest) {
    return { ...base, status: "failing", signIn: { at: latest.at, ipAddress: latest.ipAddress, errorCode: latest.errorCode }, cause: causeOfSignInError(latest.errorCode) };
  }
  if (now.getTime() < Date.parse(current.until)) return { ...current, checkedAt };
  return current.status === "failing" ? { ...current, checkedAt } : { ...base, status: "not-seen" };
}

/** A verification the log cannot give: the tenant has no sign-in logs. Final. */
export function unavailableVerification(current: Verification, reason: string, now: Date): Verification {
  return { status: "unavailable", since: current.since, until: current.until, checkedAt: now.toISOString(), reason };
}

/** Whether a change is news for the ticket: a new status, or a failure with another cause. */
export function verificationChanged(before: Verification, after: Verification): boolean {
  return before.status !== after.status || before.cause !== after.cause;
}
