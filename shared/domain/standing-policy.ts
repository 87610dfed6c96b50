import type { StepName, TenantPolicy } from "./types";

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
  | { kind: "await-approval"; reasons: string[] }
  | { kind: "protected"; reason: string };

/** The steps that run without a person: `autoApprove`, plus security defaults when tenant-wide changes are allowed. */
export function automaticSteps(policy: TenantPolicy): Set<StepName> {
  const steps = new Set<StepName>(policy.autoApprove);
  if (policy.allowTenantWideChanges) steps.add("disable-security-defaults");
  return steps;
}

/** Whether a UPN matches one of the patterns (`*` any run of characters, case-insensitive, whole address). */
export function matchesUpnPattern(upn: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => new RegExp(`^${p.split("*").map(escapeRegExp).join(".*")}$`, "i").test(upn));
}

/**
 * Decides, without I/O, whether a plan may run and on whose authority. Protected accounts come
 * first: not even an approval weakens them. An approval covers exactly the plan it was given for
 * (same account, no step beyond it); a plan that grew needs a new approval.
 */
export function decideStandingPolicy(q: PolicyQuestion): PolicyVerdict {
  if (q.steps.length === 0) return { kind: "automatic" };
  if (matchesUpnPattern(q.mailbox, q.policy.protectedAccounts)) {
    return { kind: "protected", reason: `${q.mailbox} is a protected account of this tenant (policy protectedAccounts): it is never weakened, not even with approval.` };
  }
  if (q.approved && coversPlan(q.approved, q)) return { kind: "approved" };

  const reasons: string[] = [];
  if (q.approved) reasons.push(`The plan now needs more than was approved (approved: ${q.approved.steps.join(", ") || "nothing"}); it needs approval again.`);
  const allowed = automaticSteps(q.policy);
  const beyond = q.steps.filter((s) => !allowed.has(s));
  if (beyond.length > 0) reasons.push(`${beyond.join(", ")} may not run without a person in this tenant (policy autoApprove: ${[...allowed].join(", ") || "nothing"}).`);
  if (q.policy.deviceAccounts.length > 0 && !matchesUpnPattern(q.mailbox, q.policy.deviceAccounts)) {
    reasons.push(`${q.mailbox} is not one of this tenant's device accounts (policy deviceAccounts: ${q.policy.deviceAccounts.join(", ")}).`);
  }
  if (q.automaticToday + q.steps.length > q.policy.maxAutomaticPerDay) {
    reasons.push(`This tenant's automatic changes for today are used up (${q.automaticToday} of ${q.policy.maxAutomaticPerDay}, policy maxAutomaticPerDay).`);
  }
  return reasons.length === 0 ? { kind: "automatic" } : { kind: "await-approval", reasons };
}

function coversPlan(approved: ApprovedPlan, q: PolicyQuestion): boolean {
  if (approved.mailbox.toLowerCase() !== q.mailbox.toLowerCase()) return false;
  if (approved.userId && q.userId && approved.userId !== q.userId) return false;
  return q.steps.every((s) => approved.steps.includes(s));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
