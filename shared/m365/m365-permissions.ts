/**
 * Which application permission each operation needs, so a 401/403 can name what the app
 * registration is missing instead of "Insufficient privileges".
 */
export const OPERATION_PERMISSIONS = {
  "graph.getSecurityDefaults": "Policy.Read.All",
  "graph.setSecurityDefaults": "Policy.ReadWrite.SecurityDefaults",
  "graph.getUser": "User.Read.All",
  "graph.listUsers": "User.Read.All",
  "graph.getPerUserMfaState": "Policy.Read.All",
  "graph.getPerUserMfaStates": "Policy.Read.All",
  "graph.setPerUserMfaState": "Policy.ReadWrite.AuthenticationMethod",
  "graph.getTransitiveGroups": "GroupMember.Read.All",
  "graph.listRoleAssignments": "RoleManagement.Read.Directory",
  "graph.listRoleEligibilities": "RoleEligibilitySchedule.Read.Directory",
  "graph.listRoleAssignableGroups": "GroupMember.Read.All",
  "graph.listGroupMembers": "GroupMember.Read.All",
  "graph.listConditionalAccessPolicies": "Policy.Read.All",
  "graph.listSmtpSignIns": "AuditLog.Read.All",
  "graph.getOrganization": "Directory.Read.All",
  "graph.listRecentSmtpSignInsOf": "AuditLog.Read.All",
  "graph.listInteractiveSignInsOf": "AuditLog.Read.All",
  "exchange.getCasMailbox": "Exchange.ManageAsApp",
  "exchange.setCasMailbox": "Exchange.ManageAsApp",
  "exchange.listCasMailboxes": "Exchange.ManageAsApp",
  "exchange.getTransportConfig": "Exchange.ManageAsApp",
  "exchange.setTransportConfig": "Exchange.ManageAsApp",
  "exchange.getUser": "Exchange.ManageAsApp",
  "exchange.getOrganizationConfig": "Exchange.ManageAsApp",
  "exchange.getAuthenticationPolicy": "Exchange.ManageAsApp",
} as const;

/** An operation name the gateways use in errors. */
export type M365Operation = keyof typeof OPERATION_PERMISSIONS;

/** The permission an operation needs (undefined for an operation outside the table). */
export function permissionFor(operation: string): string | undefined {
  return (OPERATION_PERMISSIONS as Record<string, string>)[operation];
}
