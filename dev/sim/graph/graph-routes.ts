import { getConditionalAccess, getMfaRequirements, getSecurityDefaults, listConditionalAccess, patchMfaRequirements, patchSecurityDefaults } from "./policy-handlers";
import { getUser, listUsers } from "./users-handlers";
import { getOrganization } from "./organization-handlers";
import { listSignIns } from "./sign-in-handlers";
import { listDirectoryAudits } from "./directory-audit-handlers";
import { listGroupMembers, listGroups } from "./group-handlers";
import { listUserDirectoryRoles, listUserGroups } from "./member-of-handlers";
import { listRoleAssignments, listRoleEligibilityInstances } from "./role-management-handlers";
import { listGroupEligibilityInstances } from "./group-eligibility-handlers";
import type { AcceptedPermissions } from "../state/app-consent";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/** One Graph operation: its template (the counted name), the permissions that allow it and its handler. */
export interface GraphRoute {
  method: string;
  /** Path template after the version, e.g. "/users/{id}". */
  template: string;
  versions: readonly string[];
  /** The application permissions Microsoft's reference lists for it; the call is refused when the app holds none. */
  permissions: AcceptedPermissions;
  handle: (call: GraphCall, params: string[]) => SimResponse;
}

const BOTH = ["v1.0", "beta"] as const;

/*
 * Application permissions, "Least privileged" first then "Higher privileged", from Microsoft Graph's
 * API reference (learn.microsoft.com/graph/api/<page>, checked 2026-12-06; the generated tables in
 * microsoftgraph/microsoft-graph-docs-contrib api-reference/{v1.0,beta}/includes/permissions/<page>-permissions.md):
 */
const P = {
  // identitysecuritydefaultsenforcementpolicy-get
  securityDefaultsRead: ["Policy.Read.All", "Policy.ReadWrite.SecurityDefaults"],
  // identitysecuritydefaultsenforcementpolicy-update lists Policy.Read.All as least privileged too: a
  // slip of the page (a read permission does not write), so it is left out here.
  securityDefaultsWrite: ["Policy.ReadWrite.SecurityDefaults", "Policy.ReadWrite.ConditionalAccess"],
  // user-get, user-list
  users: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  // authentication-get (beta), "Permissions acting on others" for the per-user MFA state
  mfaRead: ["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod"],
  // authentication-update (beta), per-user MFA acting on others
  mfaWrite: ["Policy.ReadWrite.AuthenticationMethod"],
  // user-list-transitivememberof
  memberOf: ["User.Read.All", "Directory.Read.All", "Directory.ReadWrite.All", "Group.Read.All", "GroupMember.Read.All"],
  // group-list
  groups: ["Group-NestingSupport.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Group.ManageProtection.All", "Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All"],
  // group-list-members
  groupMembers: ["GroupMember.Read.All", "Directory.Read.All", "Group.Read.All", "Group.ReadWrite.All", "GroupMember.ReadWrite.All"],
  // rbacapplication-list-roleassignments, directory provider
  roleAssignments: ["RoleManagement.Read.Directory", "RoleManagement.Read.All", "Directory.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"],
  // rbacapplication-list-roleeligibilityscheduleinstances
  roleEligibilities: ["RoleEligibilitySchedule.Read.Directory", "RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.Read.All", "RoleManagement.Read.Directory", "RoleManagement.ReadWrite.Directory"],
  // privilegedaccessgroup-list-eligibilityscheduleinstances (PIM for Groups)
  groupEligibilities: ["PrivilegedEligibilitySchedule.Read.AzureADGroup", "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup"],
  // conditionalaccessroot-list-policies, conditionalaccesspolicy-get (higher privileged: "Not available")
  conditionalAccess: ["Policy.Read.All"],
  // organization-get
  organization: ["Organization.Read.All", "Directory.Read.All", "Organization.ReadWrite.All", "Directory.ReadWrite.All"],
  // signin-list
  signIns: ["AuditLog.Read.All", "Directory.Read.All"],
  // directoryaudit-list
  directoryAudits: ["AuditLog.Read.All"],
} as const satisfies Record<string, AcceptedPermissions>;

/** Every Graph operation the simulator serves. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  { method: "GET", template: "/policies/identitySecurityDefaultsEnforcementPolicy", versions: BOTH, permissions: P.securityDefaultsRead, handle: (c) => getSecurityDefaults(c) },
  { method: "PATCH", template: "/policies/identitySecurityDefaultsEnforcementPolicy", versions: BOTH, permissions: P.securityDefaultsWrite, handle: (c) => patchSecurityDefaults(c) },
  { method: "GET", template: "/users", versions: BOTH, permissions: P.users, handle: (c) => listUsers(c) },
  { method: "GET", template: "/users/{id}", versions: BOTH, permissions: P.users, handle: (c, [id]) => getUser(c, id ?? "") },
  { method: "GET", template: "/users/{id}/authentication/requirements", versions: ["beta"], permissions: P.mfaRead, handle: (c, [id]) => getMfaRequirements(c, id ?? "") },
  { method: "PATCH", template: "/users/{id}/authentication/requirements", versions: ["beta"], permissions: P.mfaWrite, handle: (c, [id]) => patchMfaRequirements(c, id ?? "") },
  // Objects the app may not read come back with limited information (member-objects.ts), not 403.
  { method: "GET", template: "/users/{id}/transitiveMemberOf/microsoft.graph.directoryRole", versions: BOTH, permissions: P.memberOf, handle: (c, [id]) => listUserDirectoryRoles(c, id ?? "") },
  { method: "GET", template: "/users/{id}/transitiveMemberOf/microsoft.graph.group", versions: BOTH, permissions: P.memberOf, handle: (c, [id]) => listUserGroups(c, id ?? "") },
  { method: "GET", template: "/groups", versions: BOTH, permissions: P.groups, handle: (c) => listGroups(c) },
  { method: "GET", template: "/groups/{id}/members", versions: BOTH, permissions: P.groupMembers, handle: (c, [id]) => listGroupMembers(c, id ?? "") },
  { method: "GET", template: "/roleManagement/directory/roleAssignments", versions: BOTH, permissions: P.roleAssignments, handle: (c) => listRoleAssignments(c) },
  { method: "GET", template: "/roleManagement/directory/roleEligibilityScheduleInstances", versions: BOTH, permissions: P.roleEligibilities, handle: (c) => listRoleEligibilityInstances(c) },
  { method: "GET", template: "/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", versions: BOTH, permissions: P.groupEligibilities, handle: (c) => listGroupEligibilityInstances(c) },
  { method: "GET", template: "/identity/conditionalAccess/policies", versions: BOTH, permissions: P.conditionalAccess, handle: (c) => listConditionalAccess(c) },
  { method: "GET", template: "/identity/conditionalAccess/policies/{id}", versions: BOTH, permissions: P.conditionalAccess, handle: (c, [id]) => getConditionalAccess(c, id ?? "") },
  { method: "GET", template: "/organization", versions: BOTH, permissions: P.organization, handle: (c) => getOrganization(c) },
  { method: "GET", template: "/auditLogs/signIns", versions: BOTH, permissions: P.signIns, handle: (c) => listSignIns(c) },
  { method: "GET", template: "/auditLogs/directoryAudits", versions: BOTH, permissions: P.directoryAudits, handle: (c) => listDirectoryAudits(c) },
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
