import type { RoleDefinitionFacts } from "../domain/privilege";
import { ADVANCED_QUERY, allPages } from "./graph-pages";
import type { GraphRequester } from "./graph-requester";
import { isM365Error } from "./m365-error";
import type { GroupMembership, RoleGrantKind, RoleGrantRecord } from "./m365-gateway";

/** Graph answers this when a tenant without Entra ID P2 asks for PIM data: no eligibility can exist there. */
export const NO_PIM_LICENCE_CODE = "AadPremiumLicenseRequired";

interface GroupJson {
  id: string;
  displayName?: string | null;
  isAssignableToRole?: boolean | null;
}

interface RoleDefinitionJson {
  displayName?: string | null;
  templateId?: string | null;
  isBuiltIn?: boolean | null;
  isPrivileged?: boolean | null;
  rolePermissions?: Array<{ allowedResourceActions?: string[] | null }> | null;
}

interface GrantJson {
  principalId: string;
  roleDefinitionId: string;
  roleDefinition?: RoleDefinitionJson | null;
}

const ofNull = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** A group as memberOf lists it; limited information leaves only the id (name and assignability null). */
export function toGroupMembership(json: GroupJson): GroupMembership {
  return { id: json.id, displayName: json.displayName ?? null, isAssignableToRole: typeof json.isAssignableToRole === "boolean" ? json.isAssignableToRole : null };
}

/** A role definition's facts, keeping absent fields absent (the domain treats them as unknown). */
export function toRoleDefinitionFacts(json: RoleDefinitionJson | null | undefined): RoleDefinitionFacts | null {
  if (!json) return null;
  const facts: RoleDefinitionFacts = {};
  if (json.displayName) facts.displayName = json.displayName;
  if (json.templateId) facts.templateId = json.templateId;
  if (typeof json.isBuiltIn === "boolean") facts.isBuiltIn = json.isBuiltIn;
  if (typeof json.isPrivileged === "boolean") facts.isPrivileged = json.isPrivileged;
  if (Array.isArray(json.rolePermissions)) facts.allowedResourceActions = json.rolePermissions.flatMap((p) => ofNull(p.allowedResourceActions) ?? []);
  return facts;
}

/** The groups a user belongs to, directly or nested (advanced query: header and $count). */
export async function readTransitiveGroups(requester: GraphRequester, userIdOrUpn: string): Promise<GroupMembership[]> {
  const groups = await allPages<GroupJson>(requester, {
    operation: "graph.getTransitiveGroups",
    method: "GET",
    path: `/users/${encodeURIComponent(userIdOrUpn)}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName,isAssignableToRole&${ADVANCED_QUERY.count}`,
    headers: ADVANCED_QUERY.headers,
  });
  return groups.map(toGroupMembership);
}

/** Active assignments or PIM eligibilities with their role definitions, for one principal or the tenant. */
export async function readRoleGrants(requester: GraphRequester, kind: RoleGrantKind, principalId?: string): Promise<RoleGrantRecord[]> {
  const collection = kind === "active" ? "roleAssignments" : "roleEligibilityScheduleInstances";
  const filter = principalId ? `$filter=${encodeURIComponent(`principalId eq '${principalId.replace(/'/g, "''")}'`)}&` : "";
  try {
    const grants = await allPages<GrantJson>(requester, {
      operation: kind === "active" ? "graph.listRoleAssignments" : "graph.listRoleEligibilities",
      method: "GET",
      path: `/roleManagement/directory/${collection}?${filter}$expand=roleDefinition`,
    });
    return grants.map((g) => ({ principalId: g.principalId, roleDefinitionId: g.roleDefinitionId, definition: toRoleDefinitionFacts(g.roleDefinition) }));
  } catch (e) {
    if (kind === "eligible" && isM365Error(e) && e.code === NO_PIM_LICENCE_CODE) return [];
    throw e;
  }
}

/** The tenant's role-assignable groups (the only groups that can hold directory roles). */
export async function readRoleAssignableGroups(requester: GraphRequester): Promise<GroupMembership[]> {
  const groups = await allPages<GroupJson>(requester, {
    operation: "graph.listRoleAssignableGroups",
    method: "GET",
    path: `/groups?$filter=${encodeURIComponent("isAssignableToRole eq true")}&$select=id,displayName,isAssignableToRole&${ADVANCED_QUERY.count}`,
    headers: ADVANCED_QUERY.headers,
  });
  return groups.map(toGroupMembership);
}

/** Ids of a group's members (role-assignable groups hold users, never groups). */
export async function readGroupMemberIds(requester: GraphRequester, groupId: string): Promise<string[]> {
  const members = await allPages<{ id: string }>(requester, {
    operation: "graph.listGroupMembers",
    method: "GET",
    path: `/groups/${encodeURIComponent(groupId)}/members?$select=id`,
  });
  return members.map((m) => m.id);
}
