import { badRequest } from "./graph-call";
import { roleDefinition, roleTemplateId } from "./directory-roles";
import { grantId, roleGrants } from "./role-grants";
import { limitedOrFull, memberObject } from "./member-objects";
import { pageOf } from "./paging";
import type { GraphCall } from "./graph-call";
import type { GrantKind, SimRoleGrant } from "./role-grants";
import type { SimResponse } from "../http/sim-http";

const PRINCIPAL_FILTER = /^\s*principalId\s+eq\s+'([^']+)'\s*$/i;
const EXPANDABLE = new Set(["roledefinition", "principal"]);

/** GET /roleManagement/directory/roleAssignments[?$filter=principalId eq '{id}'][&$expand=roleDefinition|principal]. */
export function listRoleAssignments(call: GraphCall): SimResponse {
  return listGrants(call, "active", "roleManagement/directory/roleAssignments");
}

/** GET /roleManagement/directory/roleEligibilityScheduleInstances: PIM eligibilities, same query options. */
export function listRoleEligibilityInstances(call: GraphCall): SimResponse {
  return listGrants(call, "eligible", "roleManagement/directory/roleEligibilityScheduleInstances");
}

function listGrants(call: GraphCall, kind: GrantKind, context: string): SimResponse {
  const expand = (call.query.get("$expand") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknownExpand = expand.find((e) => !EXPANDABLE.has(e));
  if (unknownExpand) return badRequest(call, `Could not find a property named '${unknownExpand}' on type 'microsoft.graph.unifiedRoleAssignment'.`);
  const filter = call.query.get("$filter");
  let grants = roleGrants(call.tenant, kind);
  if (filter !== null) {
    const principal = PRINCIPAL_FILTER.exec(filter)?.[1];
    if (!principal) return badRequest(call, "Invalid filter clause: only principalId eq '{id}' is supported.");
    grants = grants.filter((g) => g.principalId === principal.toLowerCase());
  }
  const all = grants.map((g) => grantObject(call, kind, g, expand));
  const suffix = expand.length > 0 ? `(${expand.map((e) => (e === "roledefinition" ? "roleDefinition()" : "principal()")).join(",")})` : "";
  return pageOf(call, all, `${context}${suffix}`, 100);
}

function grantObject(call: GraphCall, kind: GrantKind, grant: SimRoleGrant, expand: string[]): Record<string, unknown> {
  const roleDefinitionId = roleTemplateId(grant.roleName);
  const object: Record<string, unknown> = { id: grantId(grant), principalId: grant.principalId, roleDefinitionId, directoryScopeId: "/", appScopeId: null };
  if (kind === "eligible") {
    Object.assign(object, { startDateTime: "2026-01-01T00:00:00Z", endDateTime: null, memberType: "Direct", roleEligibilityScheduleId: grantId(grant) });
  }
  if (expand.includes("roledefinition")) object.roleDefinition = roleDefinition(call.tenant, grant.roleName, call.version);
  if (expand.includes("principal")) object.principal = limitedOrFull(call, principalObject(call, grant));
  return object;
}

function principalObject(call: GraphCall, grant: SimRoleGrant): Record<string, unknown> {
  if (grant.principalType === "group") {
    const group = call.tenant.groups.get(grant.principalId);
    return memberObject.group(group ?? { id: grant.principalId, displayName: "", isAssignableToRole: true });
  }
  const record = call.tenant.mailboxes.find(grant.principalId);
  return memberObject.user(record ?? { id: grant.principalId, displayName: "", userPrincipalName: "" });
}
