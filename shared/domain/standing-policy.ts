import type { CodedText } from "./coded-text";
import { englishReason, reasonCode } from "./request-reasons";
import type { StepName, TenantPolicy } from "./types";
import { matchesAnyPattern } from "./upn-pattern";

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
  policy: TenantPolicy;
  /** Automatic weakening steps already run (or reserved) for this tenant today (UTC). */
  automaticToday: number;
  /** A second person's approval of an earlier plan of this request, if any. */
  approved?: ApprovedPlan;
}

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

/** The steps that run without a person: `autoApprove`, plus security defaults when tenant-wide changes are allowed. */
export function automaticSteps(policy: TenantPolicy): Set<StepName> {
  const steps = new Set<StepName>(policy.autoApprove);
  if (policy.allowTenantWideChanges) steps.add("disable-security-defaults");
  return steps;
}

/** Whether a UPN matches one of the patterns (`*` any run of characters, case-insensitive, whole address). */
export function matchesUpnPattern(upn: string, patterns: readonly string[]): boolean {
  return matchesAnyPattern(upn, patterns);
}

/**
 * Decides, without I/O, whether a plan may run and on whose authority. Protected accounts come
 * first: not even an approval weakens them. An approval covers exactly the plan it was given for
 * (same account, no step beyond it); a plan that grew needs a new approval.
 */
export function decideStandingPolicy(q: PolicyQuestion): PolicyVerdict {
  if (q.steps.length === 0) return { kind: "automatic" };
  if (matchesUpnPattern(q.mailbox, q.policy.protectedAccounts)) {
    const code = reasonCode("protected-account", { mailbox: q.mailbox });
    return { kind: "protected", reason: englishReason(code), code };
  }
  if (q.approved && coversPlan(q.approved, q)) return { kind: "approved" };

  const codes: CodedText[] = [];
  if (q.approved) codes.push(reasonCode("plan-grew", { approved: q.approved.steps.join(",") || "nothing" }));
  const allowed = automaticSteps(q.policy);
  const beyond = q.steps.filter((s) => !allowed.has(s));
  if (beyond.length > 0) codes.push(reasonCode("not-automatic", { steps: beyond.join(","), allowed: [...allowed].join(",") || "nothing" }));
  if (q.policy.deviceAccounts.length > 0 && !matchesUpnPattern(q.mailbox, q.policy.deviceAccounts)) {
    codes.push(reasonCode("not-device-account", { mailbox: q.mailbox, patterns: q.policy.deviceAccounts.join(", ") }));
  }
  if (q.automaticToday + q.steps.length > q.policy.maxAutomaticPerDay) {
    codes.push(reasonCode("budget-used", { used: q.automaticToday, max: q.policy.maxAutomaticPerDay }));
  }
  return codes.length === 0 ? { kind: "automatic" } : { kind: "await-approval", reasons: codes.map(englishReason), codes };
}

function coversPlan(approved: ApprovedPlan, q: PolicyQuestion): boolean {
  if (approved.mailbox.toLowerCase() !== q.mailbox.toLowerCase()) return false;
  if (approved.userId && q.userId && approved.userId !== q.userId) return false;
  return q.steps.every((s) => approved.steps.includes(s));
}
