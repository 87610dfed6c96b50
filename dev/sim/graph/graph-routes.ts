import { getConditionalAccess, getMfaRequirements, getSecurityDefaults, listConditionalAccess, patchMfaRequirements, patchSecurityDefaults } from "./policy-handlers";
import { getUser, listUsers } from "./users-handlers";
import { getOrganization } from "./organization-handlers";
import { listSignIns } from "./sign-in-handlers";
import { listGroupMembers, listGroups } from "./group-handlers";
import { listUserDirectoryRoles, listUserGroups } from "./member-of-handlers";
import { listRoleAssignments, listRoleEligibilityInstances } from "./role-management-handlers";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/** One Graph operation: its template (the counted name), the permission it needs and its handler. */
export interface GraphRoute {
  method: string;
  /** Path template after the version, e.g. "/users/{id}". */
  template: string;
  versions: readonly string[];
  /** The permissions that allow it: the call is refused only when the app has none of them. */
  permission: string | readonly string[];
  handle: (call: GraphCall, params: string[]) => SimResponse;
}

const BOTH = ["v1.0", "beta"] as const;

/** Every Graph operation the simulator serves. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  { method: "GET", template: "/policies/identitySecurityDefaultsEnforcementPolicy", versions: BOTH, permission: "Policy.Read.All", handle: (c) => getSecurityDefaults(c) },
  { method: "PATCH", template: "/policies/identitySecurityDefaultsEnforcementPolicy", versions: BOTH, permission: "Policy.ReadWrite.SecurityDefaults", handle: (c) => patchSecurityDefaults(c) },
  { method: "GET", template: "/users", versions: BOTH, permission: "User.Read.All", handle: (c) => listUsers(c) },
  { method: "GET", template: "/users/{id}", versions: BOTH, permission: "User.Read.All", handle: (c, [id]) => getUser(c, id ?? "") },
  { method: "GET", template: "/users/{id}/authentication/requirements", versions: ["beta"], permission: "Policy.Read.All", handle: (c, [id]) => getMfaRequirements(c, id ?? "") },
  { method: "PATCH", template: "/users/{id}/authentication/requirements", versions: ["beta"], permission: "Policy.ReadWrite.AuthenticationMethod", handle: (c, [id]) => patchMfaRequirements(c, id ?? "") },
  // Without Directory.Read.All these answer 200 with limited objects (member-objects.ts), not 403.
  { method: "GET", template: "/users/{id}/transitiveMemberOf/microsoft.graph.directoryRole", versions: BOTH, permission: "User.Read.All", handle: (c, [id]) => listUserDirectoryRoles(c, id ?? "") },
  { method: "GET", template: "/users/{id}/transitiveMemberOf/microsoft.graph.group", versions: BOTH, permission: "User.Read.All", handle: (c, [id]) => listUserGroups(c, id ?? "") },
  { method: "GET", template: "/groups", versions: BOTH, permission: ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"], handle: (c) => listGroups(c) },
  { method: "GET", template: "/groups/{id}/members", versions: BOTH, permission: ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"], handle: (c, [id]) => listGroupMembers(c, id ?? "") },
  { method: "GET", template: "/roleManagement/directory/roleAssignments", versions: BOTH, permission: ["RoleManagement.Read.Directory", "Directory.Read.All"], handle: (c) => listRoleAssignments(c) },
  { method: "GET", template: "/roleManagement/directory/roleEligibilityScheduleInstances", versions: BOTH, permission: ["RoleEligibilitySchedule.Read.Directory", "RoleManagement.Read.Directory"], handle: (c) => listRoleEligibilityInstances(c) },
  { method: "GET", template: "/identity/conditionalAccess/policies", versions: BOTH, permission: "Policy.Read.All", handle: (c) => listConditionalAccess(c) },
  { method: "GET", template: "/identity/conditionalAccess/policies/{id}", versions: BOTH, permission: "Policy.Read.All", handle: (c, [id]) => getConditionalAccess(c, id ?? "") },
  { method: "GET", template: "/organization", versions: BOTH, permission: "Directory.Read.All", handle: (c) => getOrganization(c) },
  { method: "GET", template: "/auditLogs/signIns", versions: BOTH, permission: "AuditLog.Read.All", handle: (c) => listSignIns(c) },
];

/** The route whose template matches the segments (any method), with the {id} values. */
export function matchGraphRoute(method: string, segments: readonly string[]): { route: GraphRoute; params: string[] } | { methodMismatch: GraphRoute } | undefined {
  let sameShape: GraphRoute | undefined;
  for (const route of GRAPH_ROUTES) {
    const params = matchTemplate(route.template, segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    sameShape ??= route;
  }
  return sameShape ? { methodMismatch: sameShape } : undefined;
}

function matchTemplate(template: string, segments: readonly string[]): string[] | undefined {
  const parts = template.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? "";
    const segment = segments[i] ?? "";
    if (part === "{id}") params.push(segment);
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}
