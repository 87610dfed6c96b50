import { smtpSignInScope } from "./conditional-access-conditions";
import type { CaSignInConditions } from "./conditional-access-conditions";

/**
 * Whether a Conditional Access policy blocks SMTP AUTH (legacy authentication) for one user
 * (reference/m365.md §5). Pure: the reader and the audit feed it what they read.
 */

/** The parts of a CA policy that decide legacy-auth blocking; the M365 gateway's policies fit it. */
export interface CaPolicyScope extends CaSignInConditions {
  id: string;
  displayName: string;
  state: string;
  clientAppTypes: readonly string[];
  builtInControls: readonly string[];
  includeUsers: readonly string[];
  excludeUsers: readonly string[];
  includeGroups: readonly string[];
  excludeGroups: readonly string[];
  includeRoles: readonly string[];
  excludeRoles: readonly string[];
}

/** The user as CA sees them. null memberships mean "not read": a policy that needs them cannot be decided. */
export interface CaSubject {
  userId: string;
  groupIds: readonly string[] | null;
  /** Directory role template ids (CA names roles by template id). */
  roleTemplateIds: readonly string[] | null;
}

/** in / out of a policy's user scope, or cannot-tell when it hinges on memberships not read. */
export type CaScope = "in" | "out" | "cannot-tell";

/** A policy that would block legacy auth, but whether it does for this sign-in cannot be told yet. */
export interface UndecidedCaPolicy {
  policy: CaPolicyScope;
  why: string;
}

/** The verdicts for every policy at once. */
export interface CaEvaluation {
  blocking: CaPolicyScope[];
  undecided: UndecidedCaPolicy[];
}

/** An enforced policy that blocks "other clients" (legacy auth, SMTP AUTH among them). */
export function blocksLegacyAuth(policy: CaPolicyScope): boolean {
  const apps = policy.clientAppTypes.map((a) => a.toLowerCase());
  return (
    policy.state === "enabled" &&
    policy.builtInControls.some((c) => c.toLowerCase() === "block") &&
    (apps.includes("other") || apps.includes("all"))
  );
}

const intersects = (a: readonly string[], b: readonly string[] | null): boolean =>
  b !== null && a.some((x) => b.includes(x));

const lower = (ids: readonly string[]): string[] => ids.map((i) => i.toLowerCase());

/** Whether the user is in the policy's user scope: included (all, by id, group or role) and not excluded. */
export function userScope(policy: CaPolicyScope, subject: CaSubject): CaScope {
  const userId = subject.userId.toLowerCase();
  const groups = subject.groupIds === null ? null : lower(subject.groupIds);
  const roles = subject.roleTemplateIds === null ? null : lower(subject.roleTemplateIds);
  const excludeGroups = lower(policy.excludeGroups);
  const excludeRoles = lower(policy.excludeRoles);
  const excluded =
    lower(policy.excludeUsers).includes(userId) || intersects(excludeGroups, groups) || intersects(excludeRoles, roles);
  if (excluded) return "out";
  const includeUsers = lower(policy.includeUsers);
  const includeGroups = lower(policy.includeGroups);
  const includeRoles = lower(policy.includeRoles);
  const included =
    includeUsers.includes("all") ||
    includeUsers.includes(userId) ||
    intersects(includeGroups, groups) ||
    intersects(includeRoles, roles);
  const exclusionUnread = (excludeGroups.length > 0 && groups === null) || (excludeRoles.length > 0 && roles === null);
  const inclusionUnread = (includeGroups.length > 0 && groups === null) || (includeRoles.length > 0 && roles === null);
  if (included) return exclusionUnread ? "cannot-tell" : "in";
  return inclusionUnread ? "cannot-tell" : "out";
}

/**
 * The policies that certainly block SMTP AUTH for the user, and those that might but cannot be
 * decided: memberships not read, or a condition (location, platform) only the sign-in itself settles.
 */
export function evaluateLegacyAuthBlocking(policies: readonly CaPolicyScope[], subject: CaSubject): CaEvaluation {
  const result: CaEvaluation = { blocking: [], undecided: [] };
  for (const policy of policies) {
    if (!blocksLegacyAuth(policy)) continue;
    const users = userScope(policy, subject);
    const conditions = smtpSignInScope(policy);
    if (users === "out" || conditions.scope === "out") continue;
    if (conditions.scope === "cannot-tell") result.undecided.push({ policy, why: conditions.why });
    else if (users === "cannot-tell") result.undecided.push({ policy, why: "it targets groups or roles whose membership could not be read" });
    else result.blocking.push(policy);
  }
  return result;
}
