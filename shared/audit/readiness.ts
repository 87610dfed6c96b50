import { causeOfSignInError } from "../domain/sign-in-error-codes";
import type { CodedText } from "../domain/coded-text";
import type { CauseId } from "../domain/types";
import { reportText, type ReportPhrase } from "./report-phrases";
import type { SmtpSignIn } from "../m365/m365-gateway";

/** When Microsoft switches basic auth for SMTP AUTH off by default (MC786329; Exchange Team blog). */
export const BASIC_AUTH_DEFAULT_OFF_AT = "2026-12-31";

export const READINESS_PATHS = ["oauth", "relay-connector", "high-volume-email", "graph-sendmail", "retire"] as const;
/** The recommended way off basic-auth SMTP for one sender. */
export type ReadinessPath = (typeof READINESS_PATHS)[number];

/** One account that sent with basic-auth SMTP in the window (or holds SMTP AUTH open without sending). */
export interface ReadinessSender {
  upn: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastFailureCause?: CauseId;
  lastFailureCode?: number;
  signIns: number;
  ipAddresses: string[];
  /** The active exception that keeps SMTP AUTH open for it, if any. */
  exception?: { id: string; expiresAt: string; ticket?: { system: string; id: string } };
  /** Holds a privileged directory role; "unknown" when the roles could not be read. */
  privileged: boolean | "unknown";
  path: ReadinessPath;
  why: string;
  /** `why` as code + parameters (report-phrases.ts), for readers in other languages. */
  whyCode?: CodedText;
}

/** The body of `GET /api/tenants/{tenantId}/readiness`. */
export interface ReadinessReport {
  tenantId: string;
  generatedAt: string;
  runId: string;
  retirement: { defaultOffAt: string; source: string };
  windowDays: number;
  senders: ReadinessSender[];
  /** Why the report has no senders to show (no sign-in logs, or the read failed). */
  unavailable?: string;
  /** `unavailable` as a code, when it is one of ours rather than a read's error. */
  unavailableCode?: CodedText;
}

/** Sign-ins of one account, folded as the sign-in read streams them. */
export interface SenderTally {
  upn: string;
  userId: string;
  signIns: number;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastFailureCode?: number;
  ipAddresses: Set<string>;
}

/** Folds the audit's one sign-in read into one tally per account (lower-case UPN). */
export function tallySenders(signIns: readonly SmtpSignIn[]): Map<string, SenderTally> {
  const out = new Map<string, SenderTally>();
  for (const s of signIns) {
    const key = s.userPrincipalName.toLowerCase();
    const t = out.get(key) ?? { upn: key, userId: s.userId, signIns: 0, ipAddresses: new Set<string>() };
    t.signIns++;
    if (s.ipAddress) t.ipAddresses.add(s.ipAddress);
    if (s.errorCode === 0) {
      if (!t.lastSuccessAt || s.createdDateTime > t.lastSuccessAt) t.lastSuccessAt = s.createdDateTime;
    } else if (!t.lastFailureAt || s.createdDateTime > t.lastFailureAt) {
      t.lastFailureAt = s.createdDateTime;
      t.lastFailureCode = s.errorCode;
    }
    out.set(key, t);
  }
  return out;
}

/** Names that say "an application you own" rather than a device. */
const APPLICATION_NAME = /(^|[._-])(app|apps|api|noreply|no-reply|donotreply|svc|service|crm|erp|web|portal|alerts?|notifications?|notify|system|automation)([._-]|\d|@|$)/i;
/** Sends this often (30 days) make it a bulk sender that High Volume Email is built for. */
export const HIGH_VOLUME_SIGN_INS = 3_000;

/**
 * The recommended path off basic auth for one account and why, from what the sign-in log shows. The
 * log cannot see a device's firmware or its recipients, so each reason says what it rests on.
 */
export function recommendPath(t: Pick<SenderTally, "upn" | "signIns" | "ipAddresses">, windowDays: number): { path: ReadinessPath; why: string; whyCode: CodedText } {
  const because = (path: ReadinessPath, code: ReportPhrase, params?: CodedText["params"]) => {
    const whyCode = { code, ...(params ? { params } : {}) };
    return { path, why: reportText(whyCode, "en"), whyCode };
  };
  if (t.signIns === 0) return because("retire", "why.retire", { days: windowDays });
  if (APPLICATION_NAME.test(t.upn.split("@")[0] ?? "")) return because("graph-sendmail", "why.application");
  const addresses = [...t.ipAddresses];
  if (addresses.length === 1) return because("relay-connector", "why.one-address", { address: addresses[0] ?? "" });
  if (t.signIns >= HIGH_VOLUME_SIGN_INS) return because("high-volume-email", "why.high-volume", { signIns: t.signIns, days: windowDays, addresses: addresses.length });
  return because("oauth", "why.oauth", { addresses: addresses.length });
}

/** The cause a last failure points to, for the report. */
export function failureCause(code: number | undefined): CauseId | undefined {
  return code === undefined ? undefined : causeOfSignInError(code);
}

/** A readiness report in counts, kept on the audit run so the cross-tenant overview needs no extra read. */
export interface ReadinessSummary {
  /** Accounts listed: those that sent with basic-auth SMTP in the window, and those that hold it open without sending. */
  accounts: number;
  /** Of those, the ones that signed in with basic-auth SMTP in the window: they break at the switch. */
  sending: number;
  byPath: Record<ReadinessPath, number>;
  privileged: number;
  /** Accounts whose roles could not be judged (counted apart, never as "not privileged"). */
  privilegeUnknown: number;
  unavailable?: string;
}

export function summarizeReadiness(report: ReadinessReport): ReadinessSummary {
  const byPath = Object.fromEntries(READINESS_PATHS.map((p) => [p, 0])) as Record<ReadinessPath, number>;
  for (const s of report.senders) byPath[s.path] += 1;
  return {
    accounts: report.senders.length,
    sending: report.senders.filter((s) => s.signIns > 0).length,
    byPath,
    privileged: report.senders.filter((s) => s.privileged === true).length,
    privilegeUnknown: report.senders.filter((s) => s.privileged === "unknown").length,
    ...(report.unavailable ? { unavailable: report.unavailable } : {}),
  };
}
