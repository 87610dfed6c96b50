import { known, unknown } from "./layer";
import type { Layer } from "./layer";
import { isAdminRoleGroup } from "./exchange-role-groups";
import { PRIVILEGED_ROLES, isNonPrivilegedBuiltInRole } from "./privileged-roles";

/**
 * Whether a user holds admin power, decided fail-closed from what Graph returned (reference/m365.md
 * §9). Pure: the M365 reader collects the grants and the reads that failed; this file judges them.
 */

/** A role definition as Graph sent it; every field may be missing (limited information, a deleted role). */
export interface RoleDefinitionFacts {
  displayName?: string;
  templateId?: string;
  isBuiltIn?: boolean;
  /** Microsoft's own flag (unifiedRoleDefinition.isPrivileged), for built-in and custom roles. */
  isPrivileged?: boolean;
  /** rolePermissions[].allowedResourceActions, flattened; undefined when not sent. */
  allowedResourceActions?: string[];
}

/** One role reaching the user: active or PIM-eligible, directly or through a role-assignable group. */
export interface RoleGrant {
  kind: "active" | "eligible";
  roleDefinitionId: string;
  /** The group the role comes through (its name, else its id); null when assigned to the user. */
  viaGroup: string | null;
  /** null when Graph sent no definition. */
  definition: RoleDefinitionFacts | null;
}

/** A read that did not come back, and the application permission that would let it. */
export interface PrivilegeGap {
  what: string;
  permission: string;
}

/** Everything read about one user's roles. */
export interface PrivilegeEvidence {
  grants: RoleGrant[];
  /** Names of the Exchange Online role groups the user is in (directly or through a group). */
  exchangeRoleGroups?: string[];
  gaps: PrivilegeGap[];
}

type RoleJudgement = { verdict: "privileged"; name: string } | { verdict: "not-privileged" } | { verdict: "unknown" };

// An action ending in /read changes nothing; anything else (update, delete, allTasks...) is admin power.
const READ_ONLY_ACTION = /\/read$/i;
const NAME_BY_TEMPLATE = new Map(PRIVILEGED_ROLES.map((r) => [r.templateId, r.name]));

/**
 * Deny by default: a built-in role is privileged unless it is on the allow-list of harmless readers
 * (privileged-roles.ts); a custom role is privileged if Microsoft says so or it may do more than read.
 * A role whose definition says too little to tell is unknown, which refuses like privileged.
 */
export function judgeRole(roleDefinitionId: string, def: RoleDefinitionFacts | null): RoleJudgement {
  const ids = [def?.templateId, roleDefinitionId].filter((id): id is string => !!id).map((id) => id.toLowerCase());
  const listed = ids.map((id) => NAME_BY_TEMPLATE.get(id)).find(Boolean);
  if (listed) return { verdict: "privileged", name: def?.displayName ?? listed };
  const name = def?.displayName?.trim();
  if (def?.isPrivileged === true) return { verdict: "privileged", name: name ?? roleDefinitionId };
  if (def?.isBuiltIn !== false && ids.some(isNonPrivilegedBuiltInRole)) return { verdict: "not-privileged" };
  if (!def || !name) return { verdict: "unknown" };
  if (def.isBuiltIn === false) {
    const actions = def.allowedResourceActions;
    if (actions === undefined) return { verdict: "unknown" };
    return actions.some((a) => !READ_ONLY_ACTION.test(a)) ? { verdict: "privileged", name: `${name} (custom role)` } : { verdict: "not-privileged" };
  }
  return def.isBuiltIn === true ? { verdict: "privileged", name } : { verdict: "unknown" };
}

function describe(grant: RoleGrant, name: string): string {
  const how = [grant.kind === "eligible" ? "eligible" : null, grant.viaGroup ? `through group ${grant.viaGroup}` : null].filter(Boolean);
  return how.length > 0 ? `${name} (${how.join(", ")})` : name;
}

const unique = (items: string[]): string[] => [...new Set(items)];

/**
 * The privileged roles a user holds (empty when none), or unknown when a read failed or a role came
 * back without a definition to judge: unknown names the permission that would settle it.
 */
export function decidePrivilege(evidence: PrivilegeEvidence): Layer<string[]> {
  const privileged: string[] = [];
  const undecided: RoleGrant[] = [];
  for (const grant of evidence.grants) {
    const judgement = judgeRole(grant.roleDefinitionId, grant.definition);
    if (judgement.verdict === "privileged") privileged.push(describe(grant, judgement.name));
    else if (judgement.verdict === "unknown") undecided.push(grant);
  }
  for (const group of evidence.exchangeRoleGroups ?? []) if (isAdminRoleGroup(group)) privileged.push(`${group} (Exchange role group)`);
  // A privileged role found is certain even when other reads failed: it is the more useful reason.
  if (privileged.length > 0) return known(unique(privileged));
  const gaps = [...evidence.gaps];
  if (undecided.length > 0) gaps.push({ what: `${undecided.length} role assignment(s) came back without a role definition`, permission: "RoleManagement.Read.Directory" });
  return gaps.length === 0 ? known([]) : unknown(gapsReason(gaps));
}

/** Why privilege is unknown: what could not be read, and the permissions that would settle it. */
export function gapsReason(gaps: readonly PrivilegeGap[]): string {
  const what = unique(gaps.map((g) => g.what)).join("; ");
  const permissions = unique(gaps.map((g) => g.permission)).join(", ");
  return `${what}; grant the app ${permissions} to settle whether the user is an administrator`;
}
