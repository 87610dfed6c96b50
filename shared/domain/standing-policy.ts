import { isDeviceAccount, isProtectedAccount, type AccountIdentity } from "./account-identity";
import type { CodedText } from "./coded-text";
import { englishReason, reasonCode } from "./request-reasons";
import type { StepName, TenantPolicy } from "./types";
import { matchesAnyPattern } from "./upn-pattern";
import { ticketRequesterStanding, type TicketOrigin } from "./ticket-requester";

/** The plan a person saw and approved: its steps and the account they act on. */
export interface ApprovedPlan {
  steps: StepName[];
  mailbox: string;
  userId?: string | null;
}

/** What the standing policy needs to know about one plan that would weaken the tenant. */
export interface PolicyQuestion {
  steps: StepName[];
  mailbox: string;
  userId?: string | null;
  /** The account the address resolved to: patterns match its names, not only the address as typed. */
  account: AccountIdentity;
  policy: TenantPolicy;
  /** Automatic weakening steps already run (or reserved) for this tenant today (UTC). */
  automaticToday: number;
  /** A second person's approval of an earlier plan of this request, if any. */
  approved?: ApprovedPlan;
  /** Whether the account's user signed in interactively (not SMTP) lately; left out = unknown. */
  interactiveSignIns?: InteractiveSignIns;
  /** For a request from a ticket: who raised it, and the tenant's own domains to judge them by. */
  ticket?: { origin: TicketOrigin; tenantDomains: readonly string[] };
}

/** What the sign-in log says of a person behind the account: `recent` interactive sign-ins, `none`, or `unknown` (unread). */
export type InteractiveSignIns = "none" | "recent" | "unknown";

/**
 * Who may run a plan: `automatic` within the standing policy, `approved` because a second person
 * approved this very plan (or a larger one), `await-approval` with the reasons it exceeds the policy,
 * `protected` for an account the tenant never lets anyone weaken.
 */
export type PolicyVerdict =
  | { kind: "automatic" }
  | { kind: "approved" }
  | { kind: "await-approval"; reasons: string[]; codes: CodedText[] }
  | { kind: "protected"; reason: string; code: CodedText };

/** Steps a person must always agree to, whatever the policy lists: they weaken the whole tenant. */
const NEVER_AUTOMATIC: ReadonlySet<StepName> = new Set(["disable-security-defaults"]);

/** The steps that may run without a person, on a device account: `autoApprove` less the tenant-wide ones. */
export function automaticSteps(policy: TenantPolicy): Set<StepName> {
  return new Set(policy.autoApprove.filter((s) => !NEVER_AUTOMATIC.has(s)));
}

/** Whether a UPN matches one of the patterns (`*` any run of characters, case-insensitive, whole address). */
export function matchesUpnPattern(upn: string, patterns: readonly string[]): boolean {
  return matchesAnyPattern(upn, patterns);
}

/** How far back an interactive sign-in makes an account a person's rather than a device's. */
export const INTERACTIVE_LOOKBACK_DAYS = 30;

/**
 * Decides, without I/O, whether a plan may run and on whose authority. Protected accounts come
 * first, by any name of the account (object id, UPN, any address): not even an approval weakens them. An approval covers exactly the plan it was given for
 * (same account, no step beyond it); a plan that grew needs a new approval. Without a person, only
 * `autoApprove` steps run, only on a `deviceAccounts` account (by its UPN or primary address, never an alias) whose user has not signed in
 * interactively lately; an unread or missing sign-in answer counts as a person (fail closed). A
 * ticket raised by someone outside the tenant (or by nobody known) never chooses whom to weaken.
 */
export function decideStandingPolicy(q: PolicyQuestion): PolicyVerdict {
  if (q.steps.length === 0) return { kind: "automatic" };
  if (isProtectedAccount(q.mailbox, q.account, q.policy.protectedAccounts)) {
    const code = reasonCode("protected-account", { mailbox: q.mailbox });
    return { kind: "protected", reason: englishReason(code), code };
  }
  if (q.approved && coversPlan(q.approved, q)) return { kind: "approved" };

  const codes: CodedText[] = [];
  if (q.approved) codes.push(reasonCode("plan-grew", { approved: q.approved.steps.join(",") || "nothing" }));
  const allowed = automaticSteps(q.policy);
  const tenantWide = q.steps.filter((s) => NEVER_AUTOMATIC.has(s));
  if (tenantWide.length > 0) codes.push(reasonCode("never-automatic", { steps: tenantWide.join(",") }));
  const beyond = q.steps.filter((s) => !allowed.has(s) && !NEVER_AUTOMATIC.has(s));
  if (beyond.length > 0) codes.push(reasonCode("not-automatic", { steps: beyond.join(","), allowed: [...allowed].join(",") || "nothing" }));
  if (q.policy.deviceAccounts.length === 0) codes.push(reasonCode("no-device-accounts"));
  else if (!isDeviceAccount(q.account, q.policy.deviceAccounts)) {
    codes.push(reasonCode("not-device-account", { mailbox: q.mailbox, patterns: q.policy.deviceAccounts.join(", ") }));
  } else if (q.interactiveSignIns === "recent") codes.push(reasonCode("person-signed-in", { mailbox: q.mailbox, days: INTERACTIVE_LOOKBACK_DAYS }));
  else if (q.interactiveSignIns === "unknown") codes.push(reasonCode("sign-ins-unknown", { mailbox: q.mailbox }));
  if (q.ticket) {
    const standing = ticketRequesterStanding(q.ticket.origin, q.ticket.tenantDomains);
    if (standing === "outsider") codes.push(reasonCode("ticket-from-outsider", { requester: q.ticket.origin.requester ?? "" }));
    if (standing === "unknown") codes.push(reasonCode("ticket-requester-unknown"));
  }
  if (q.automaticToday + q.steps.length > q.policy.maxAutomaticPerDay) {
    codes.push(reasonCode("budget-used", { used: q.automaticToday, max: q.policy.maxAutomaticPerDay }));
  }
  // Not asked (the log is read only for a plan that would otherwise run alone) counts as unknown.
  if (codes.length === 0 && q.interactiveSignIns === undefined) codes.push(reasonCode("sign-ins-unknown", { mailbox: q.mailbox }));
  return codes.length === 0 ? { kind: "automatic" } : { kind: "await-approval", reasons: codes.map(englishReason), codes };
}

function coversPlan(approved: ApprovedPlan, q: PolicyQuestion): boolean {
  if (approved.mailbox.toLowerCase() !== q.mailbox.toLowerCase()) return false;
  if (approved.userId && q.userId && approved.userId !== q.userId) return false;
  return q.steps.every((s) => approved.steps.includes(s));
}
