import type { RoleDefinitionFacts } from "../domain/privilege";
import type { PerUserMfaState } from "../domain/types";
import type { MigrationGateway } from "./migration-gateway";

/** One mailbox as Get-CASMailbox returns it, reduced to what the product uses. */
export interface CasMailbox {
  /** Exchange identity (the alias or name as Exchange prints it). */
  identity: string;
  primarySmtpAddress: string;
  /** Entra user id: joins Exchange mailboxes to Graph users. */
  externalDirectoryObjectId: string;
  /** Every address of the mailbox as Exchange lists them (`SMTP:` primary, `smtp:` others, X500...). */
  emailAddresses: string[];
  /** true = off, false = on, null = follow the organisation flag. */
  smtpClientAuthenticationDisabled: boolean | null;
}

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  /** An assignedPlans entry with service "exchange" and capabilityStatus "Enabled". */
  exchangeLicensed: boolean;
  /** `SMTP:` primary and `smtp:` other addresses, when selected (getUser selects them; listUsers does not). */
  proxyAddresses?: string[];
}

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  state: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
  clientAppTypes: string[];
  builtInControls: string[];
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  /** Apps (Exchange Online's id, "Office365", "All"); always sent by Graph. */
  applications: { include: string[]; exclude: string[] };
  /** null when the policy has no location condition. */
  locations: { include: string[]; exclude: string[] } | null;
  /** null when the policy has no device platform condition. */
  platforms: { include: string[]; exclude: string[] } | null;
  /** The Conditional Access template it was made from (Microsoft-managed policies carry one); null when none. */
  templateId?: string | null;
  createdDateTime?: string | null;
  modifiedDateTime?: string | null;
}

/** One Entra directory audit entry about a policy (Conditional Access, security defaults): who changed what, when. */
export interface PolicyAudit {
  activityDateTime: string;
  activity: string;
  /** The changed objects' ids and names (a CA policy's id, "Security Defaults"). */
  targets: Array<{ id: string; displayName: string }>;
  /** The person's UPN or the app's name that made the change ("Microsoft Managed Policy Manager"); null when the log does not say. */
  initiatedBy: string | null;
}

export interface AuthenticationPolicy {
  name: string;
  allowBasicAuthSmtp: boolean;
}

export interface SmtpSignIn {
  userId: string;
  userPrincipalName: string;
  createdDateTime: string;
  /** 0 for success, else the Entra sign-in error code (50126, 50053, 50057, 50076, 53003...). */
  errorCode: number;
  /** The address the client signed in from, as Entra logged it ("" when absent). */
  ipAddress: string;
}

/** A group a user belongs to; with limited information Graph sends only the id (the rest null). */
export interface GroupMembership {
  id: string;
  displayName: string | null;
  isAssignableToRole: boolean | null;
}

/** Active role assignments (roleAssignments) or PIM eligibilities (roleEligibilityScheduleInstances). */
export type RoleGrantKind = "active" | "eligible";

/** One role assignment or eligibility with its role definition (null when Graph sent none). */
export interface RoleGrantRecord {
  principalId: string;
  roleDefinitionId: string;
  definition: RoleDefinitionFacts | null;
}

/** PIM for Groups: a principal eligible to become a member (or owner) of a group. */
export interface GroupEligibilityRecord {
  groupId: string;
  principalId: string;
  accessId: "member" | "owner";
}

/** Graph, bound to one tenant. Every method throws M365Error (./m365-error) on failure. */
export interface GraphGateway {
  getSecurityDefaultsEnabled(): Promise<boolean>;
  setSecurityDefaultsEnabled(enabled: boolean): Promise<void>;
  /** null when the user does not exist (404). */
  getUser(idOrUpn: string): Promise<DirectoryUser | null>;
  /** Every user, 999 a page (no per-user MFA: v1.0's user has no such property). */
  listUsers(): AsyncIterable<DirectoryUser[]>;
  getPerUserMfaState(userId: string): Promise<PerUserMfaState>;
  setPerUserMfaState(userId: string, state: PerUserMfaState): Promise<void>;
  /** Bulk read through $batch (20 a request, per-item 429s retried). A user whose read failed is absent. */
  getPerUserMfaStates(userIds: readonly string[]): Promise<Map<string, PerUserMfaState>>;
  /** The groups a user belongs to, directly or nested (privilege through groups, CA scope). */
  getTransitiveGroups(userIdOrUpn: string): Promise<GroupMembership[]>;
  /** Role assignments (active) or PIM eligibilities of one principal, or of the whole tenant. */
  listRoleGrants(kind: RoleGrantKind, principalId?: string): Promise<RoleGrantRecord[]>;
  /** PIM for Groups eligibilities of one user, or of one group (Graph requires one of the two). */
  listGroupEligibilities(by: { principalId: string } | { groupId: string }): Promise<GroupEligibilityRecord[]>;
  /** The tenant's role-assignable groups (for the audit). */
  listRoleAssignableGroups(): Promise<GroupMembership[]>;
  /** Ids of a group's members (for the audit). */
  listGroupMemberIds(groupId: string): Promise<string[]>;
  listConditionalAccessPolicies(): Promise<ConditionalAccessPolicy[]>;
  /** Entra directory audits of category Policy since an instant (GET /auditLogs/directoryAudits); optional for fakes. */
  listPolicyAudits?(sinceIso: string): Promise<PolicyAudit[]>;
  /** Names of the tenant's verified domains (Graph /organization); optional for fakes. */
  getVerifiedDomains?(): Promise<string[]>;
  /**
   * Basic-auth SMTP sign-ins (`clientAppUsed eq 'Authenticated SMTP'`) since the given instant, newest
   * first, every page read: one query per call. null when the tenant has no sign-in logs (no Entra ID P1).
   */
  listSmtpSignIns(sinceIso: string): Promise<SmtpSignIn[] | null>;
  /** One user's latest SMTP AUTH sign-ins since an instant (one page, newest first); null without P1; optional for fakes. */
  listRecentSmtpSignInsOf?(upn: string, sinceIso: string): Promise<SmtpSignIn[] | null>;
  /**
   * Whether the user signed in from a browser (`clientAppUsed eq 'Browser'`: a person, not a device)
   * since an instant; null without P1. Optional for fakes: a gateway without it cannot say.
   */
  hasInteractiveSignInSince?(userId: string, sinceIso: string): Promise<boolean | null>;
  /**
   * Apps' client-credentials sign-ins (beta, `signInEventTypes/any(t: t eq 'servicePrincipal')`) since an
   * instant, every page; null without P1. Optional for fakes: the proof of an oauth-app move.
   */
  listServicePrincipalSignIns?(sinceIso: string): Promise<AppSignIn[] | null>;
}

/** One service-principal sign-in: an app getting a token with its own credentials. */
export interface AppSignIn {
  appId: string;
  createdDateTime: string;
  errorCode: number;
  ipAddress: string;
}

/** Exchange Online through InvokeCommand, bound to one tenant. Throws M365Error on failure. */
export interface ExchangeGateway {
  /** null when Exchange does not know the identity. */
  getCasMailbox(identity: string): Promise<CasMailbox | null>;
  setCasMailboxSmtpAuthDisabled(identity: string, disabled: boolean | null): Promise<void>;
  /** Every CAS mailbox, page by page (1000 a page), restarting paging on an expired link. */
  listCasMailboxes(): AsyncIterable<CasMailbox[]>;
  getOrgSmtpAuthDisabled(): Promise<boolean>;
  setOrgSmtpAuthDisabled(disabled: boolean): Promise<void>;
  /** The authentication policy in force for a user (theirs, else the org default); null when none. */
  getAuthenticationPolicyFor(identity: string): Promise<AuthenticationPolicy | null>;
  /** Every Exchange role group (Get-RoleGroup), by name. */
  listRoleGroups(): Promise<ExchangeRoleGroup[]>;
  /** Entra object ids of a role group's members, users or groups (Get-RoleGroupMember); members without one are left out. */
  listRoleGroupMemberIds(roleGroup: string): Promise<string[]>;
}

/** An Exchange role group; hasMembers is false only when Exchange listed its members as none. */
export interface ExchangeRoleGroup {
  name: string;
  hasMembers: boolean;
}

export interface TenantGateways {
  tenantId: string;
  graph: GraphGateway;
  exchange: ExchangeGateway;
  /** Moving senders off basic auth; absent in fakes that do not migrate (the steps then fail, never skip). */
  migration?: MigrationGateway;
}

/** Builds gateways for a tenant; credentials and base URLs come from settings. */
export interface M365GatewayFactory {
  forTenant(tenantId: string): TenantGateways;
}
