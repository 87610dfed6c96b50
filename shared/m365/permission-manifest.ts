import { EXCHANGE_READ_CMDLETS, EXCHANGE_WRITE_CMDLETS, type ExchangeMigrationCmdlet } from "./exchange-role";

/**
 * The one list of what the app needs in a customer tenant, per feature: Microsoft Graph application
 * permissions, Exchange.ManageAsApp and the Exchange cmdlets its role group must hold. Everything
 * else (m365-permissions.ts, the docs' tables, infra/app-permissions.json read by the post-provision
 * hook, the role-group script, the simulator's default consent) derives from it or is tested equal.
 */

/** The Graph application permissions the app asks for. */
export const GRAPH_PERMISSIONS = [
  "Organization.Read.All",
  "User.Read.All",
  "Policy.Read.All",
  "Policy.ReadWrite.SecurityDefaults",
  "Policy.ReadWrite.AuthenticationMethod",
  "GroupMember.Read.All",
  "RoleManagement.Read.Directory",
  "RoleEligibilitySchedule.Read.Directory",
  "PrivilegedEligibilitySchedule.Read.AzureADGroup",
  "AuditLog.Read.All",
  // oauth-app: the app's enterprise application (its object id is what New-ServicePrincipal takes).
  "Application.Read.All",
] as const;
export type GraphPermission = (typeof GRAPH_PERMISSIONS)[number];

/** Office 365 Exchange Online's application permission for app-only cmdlets (the role group decides which). */
export const EXCHANGE_PERMISSION = "Exchange.ManageAsApp";
export type AppPermission = GraphPermission | typeof EXCHANGE_PERMISSION;

export type ExchangeCmdlet = (typeof EXCHANGE_READ_CMDLETS)[number] | (typeof EXCHANGE_WRITE_CMDLETS)[number] | ExchangeMigrationCmdlet | "Set-TransportConfig";

/**
 * Each Graph call and the least-privileged application permission Microsoft's reference lists for
 * it ("Least privileged permissions", Application row; the higher ones are alternatives the app
 * does not ask for). Checked 2026-12-06 against learn.microsoft.com/graph/api/<page>:
 * identitysecuritydefaultsenforcementpolicy-get / -update, user-get, user-list,
 * authentication-get and authentication-update (beta, per-user MFA "acting on others"),
 * user-list-transitivememberof, group-list, group-list-members, rbacapplication-list-roleassignments,
 * rbacapplication-list-roleeligibilityscheduleinstances,
 * privilegedaccessgroup-list-eligibilityscheduleinstances (PIM for Groups), conditionalaccessroot-list-policies,
 * organization-get, signin-list, serviceprincipal-list (Application.Read.All). The update page names Policy.Read.All as least privileged for a
 * PATCH; a read permission cannot write, so the write's own permission is listed here.
 */
export const GRAPH_OPERATIONS = {
  "graph.getSecurityDefaults": "Policy.Read.All",
  "graph.setSecurityDefaults": "Policy.ReadWrite.SecurityDefaults",
  "graph.getUser": "User.Read.All",
  "graph.listUsers": "User.Read.All",
  "graph.getPerUserMfaState": "Policy.Read.All",
  "graph.getPerUserMfaStates": "Policy.Read.All",
  "graph.setPerUserMfaState": "Policy.ReadWrite.AuthenticationMethod",
  "graph.getTransitiveGroups": "User.Read.All",
  "graph.listRoleAssignments": "RoleManagement.Read.Directory",
  "graph.listRoleEligibilities": "RoleEligibilitySchedule.Read.Directory",
  "graph.listGroupEligibilities": "PrivilegedEligibilitySchedule.Read.AzureADGroup",
  "graph.listRoleAssignableGroups": "GroupMember.Read.All",
  "graph.listGroupMembers": "GroupMember.Read.All",
  "graph.listConditionalAccessPolicies": "Policy.Read.All",
  "graph.listSmtpSignIns": "AuditLog.Read.All",
  "graph.getOrganization": "Organization.Read.All",
  "graph.listRecentSmtpSignInsOf": "AuditLog.Read.All",
  "graph.listInteractiveSignInsOf": "AuditLog.Read.All",
  // Who re-blocked a fixed sender (directoryAudit-list: AuditLog.Read.All).
  "graph.listDirectoryAudits": "AuditLog.Read.All",
  "graph.findAppServicePrincipal": "Application.Read.All",
  "graph.listServicePrincipalSignIns": "AuditLog.Read.All",
} as const satisfies Record<string, GraphPermission>;
export type GraphOperation = keyof typeof GRAPH_OPERATIONS;

/** Each Exchange call and the cmdlet it runs (every one needs Exchange.ManageAsApp and the cmdlet in the role group). */
export const EXCHANGE_OPERATIONS = {
  "exchange.getCasMailbox": "Get-CASMailbox",
  "exchange.setCasMailbox": "Set-CASMailbox",
  "exchange.listCasMailboxes": "Get-CASMailbox",
  "exchange.getTransportConfig": "Get-TransportConfig",
  "exchange.setTransportConfig": "Set-TransportConfig",
  "exchange.getUser": "Get-User",
  "exchange.getOrganizationConfig": "Get-OrganizationConfig",
  "exchange.getAuthenticationPolicy": "Get-AuthenticationPolicy",
  "exchange.listRoleGroups": "Get-RoleGroup",
  "exchange.listRoleGroupMembers": "Get-RoleGroupMember",
  "exchange.getHveAccount": "Get-MailUser",
  "exchange.newHveAccount": "New-MailUser",
  "exchange.removeHveAccount": "Remove-MailUser",
  "exchange.getHveBillingPolicy": "Get-HVEAccountBillingPolicy",
  "exchange.listInboundConnectors": "Get-InboundConnector",
  "exchange.newInboundConnector": "New-InboundConnector",
  "exchange.removeInboundConnector": "Remove-InboundConnector",
  "exchange.getServicePrincipal": "Get-ServicePrincipal",
  "exchange.newServicePrincipal": "New-ServicePrincipal",
  "exchange.removeServicePrincipal": "Remove-ServicePrincipal",
  "exchange.getMailboxPermission": "Get-MailboxPermission",
  "exchange.addMailboxPermission": "Add-MailboxPermission",
  "exchange.removeMailboxPermission": "Remove-MailboxPermission",
  "exchange.listMessageTrace": "Get-MessageTraceV2",
} as const satisfies Record<string, ExchangeCmdlet>;
export type ExchangeOperation = keyof typeof EXCHANGE_OPERATIONS;

const PRIVILEGE_OF_ONE_USER = [
  "graph.getTransitiveGroups", "graph.listRoleAssignments", "graph.listRoleEligibilities", "graph.listGroupEligibilities",
  "exchange.listRoleGroups", "exchange.listRoleGroupMembers",
] as const;
const PRIVILEGE_OF_TENANT = [
  "graph.listRoleAssignments", "graph.listRoleEligibilities", "graph.listRoleAssignableGroups", "graph.listGroupMembers", "graph.listGroupEligibilities",
  "exchange.listRoleGroups", "exchange.listRoleGroupMembers",
] as const;
const MAILBOX_LAYERS = ["exchange.getTransportConfig", "exchange.getCasMailbox", "exchange.getUser", "exchange.getOrganizationConfig", "exchange.getAuthenticationPolicy"] as const;

/** The calls each feature makes. */
export const FEATURES = {
  onboarding: ["graph.getOrganization"],
  diagnosis: [
    "graph.getSecurityDefaults", "graph.getUser", "graph.getPerUserMfaState", "graph.listConditionalAccessPolicies",
    "graph.listRecentSmtpSignInsOf", "graph.listInteractiveSignInsOf", ...PRIVILEGE_OF_ONE_USER, ...MAILBOX_LAYERS,
    // An OAuth cause: the oauth-app path's own reads (its app's Exchange service principal and mailbox access).
    "exchange.getServicePrincipal", "exchange.getMailboxPermission",
  ],
  "disable-security-defaults": ["graph.getSecurityDefaults", "graph.setSecurityDefaults"],
  "enable-mailbox-smtp-auth": ["exchange.getCasMailbox", "exchange.getTransportConfig", "exchange.setCasMailbox", ...PRIVILEGE_OF_ONE_USER],
  "disable-per-user-mfa": ["graph.getPerUserMfaState", "graph.setPerUserMfaState", ...PRIVILEGE_OF_ONE_USER],
  audit: [
    "graph.getSecurityDefaults", "graph.listConditionalAccessPolicies", "graph.listSmtpSignIns", "graph.getPerUserMfaStates",
    "graph.listDirectoryAudits", ...PRIVILEGE_OF_TENANT, "exchange.getTransportConfig", "exchange.listCasMailboxes",
    // Auto-revert of expired exceptions (only where the tenant's policy asks for it).
    "exchange.setCasMailbox", "exchange.getCasMailbox",
  ],
  readiness: ["graph.listSmtpSignIns", ...PRIVILEGE_OF_TENANT],
  verification: ["graph.listSmtpSignIns", "graph.listRecentSmtpSignInsOf", "graph.listServicePrincipalSignIns", "exchange.listMessageTrace"],
  "high-volume-email": ["exchange.getHveAccount", "exchange.newHveAccount", "exchange.getHveBillingPolicy", "exchange.removeHveAccount"],
  "relay-connector": ["exchange.getOrganizationConfig", "exchange.listInboundConnectors", "exchange.newInboundConnector", "exchange.removeInboundConnector"],
  "oauth-app": [
    "graph.findAppServicePrincipal", "exchange.getServicePrincipal", "exchange.newServicePrincipal", "exchange.getMailboxPermission", "exchange.addMailboxPermission",
    "exchange.removeServicePrincipal", "exchange.removeMailboxPermission",
    "exchange.getCasMailbox", "exchange.getTransportConfig", "exchange.setCasMailbox", ...PRIVILEGE_OF_ONE_USER,
  ],
  "retire-basic-auth": ["exchange.getCasMailbox", "exchange.setCasMailbox"],
  /** The privilege guardrail's reads on their own (also part of diagnosis, the account steps and the audit). */
  "privilege-reads": [...new Set([...PRIVILEGE_OF_ONE_USER, ...PRIVILEGE_OF_TENANT])],
} as const satisfies Record<string, readonly (GraphOperation | ExchangeOperation)[]>;
export type Feature = keyof typeof FEATURES;

/** What one feature needs in the customer tenant. */
export interface FeatureNeeds {
  graph: GraphPermission[];
  exchange: boolean;
  cmdlets: ExchangeCmdlet[];
}

const isGraphOperation = (op: string): op is GraphOperation => op in GRAPH_OPERATIONS;

/** The permissions and cmdlets a feature needs, each once, in the manifest's order. */
export function featureNeeds(feature: Feature): FeatureNeeds {
  const ops: readonly string[] = FEATURES[feature];
  const graph = GRAPH_PERMISSIONS.filter((p) => ops.some((op) => isGraphOperation(op) && GRAPH_OPERATIONS[op] === p));
  const cmdlets = [...new Set(ops.flatMap((op) => (op in EXCHANGE_OPERATIONS ? [EXCHANGE_OPERATIONS[op as ExchangeOperation]] : [])))];
  return { graph, exchange: cmdlets.length > 0, cmdlets };
}

/** Every application permission a feature needs: Graph's and, when it runs cmdlets, Exchange.ManageAsApp. */
export function featurePermissions(feature: Feature): AppPermission[] {
  const needs = featureNeeds(feature);
  return needs.exchange ? [...needs.graph, EXCHANGE_PERMISSION] : needs.graph;
}

/** What the app registration asks for and a tenant's admin consent grants. */
export const APP_PERMISSIONS: readonly AppPermission[] = [...GRAPH_PERMISSIONS, EXCHANGE_PERMISSION];

/** The least-privileged permission of a call: a Graph permission, or Exchange.ManageAsApp. */
export function operationPermission(operation: GraphOperation | ExchangeOperation): AppPermission {
  return isGraphOperation(operation) ? GRAPH_OPERATIONS[operation] : EXCHANGE_PERMISSION;
}
