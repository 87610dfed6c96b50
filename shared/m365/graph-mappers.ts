import type { PerUserMfaState } from "../domain/types";
import type { ConditionalAccessPolicy, DirectoryUser, PolicyAudit, SmtpSignIn } from "./m365-gateway";

/** A Graph user as requested with $select=id,userPrincipalName,accountEnabled,assignedPlans(,userType). */
export interface GraphUserJson {
  id: string;
  userPrincipalName: string;
  accountEnabled?: boolean | null;
  assignedPlans?: Array<{ service?: string; capabilityStatus?: string }> | null;
  proxyAddresses?: string[] | null;
}

const MFA_STATES: ReadonlySet<string> = new Set(["disabled", "enabled", "enforced"]);

/** A per-user MFA state from Graph, or undefined when Graph sent none or an unfamiliar one. */
export function toPerUserMfaState(value: unknown): PerUserMfaState | undefined {
  return typeof value === "string" && MFA_STATES.has(value) ? (value as PerUserMfaState) : undefined;
}

/** Licensed for Exchange: an assignedPlans entry for "exchange" that is Enabled. */
export function hasExchangePlan(plans: GraphUserJson["assignedPlans"]): boolean {
  return (plans ?? []).some((p) => p.service?.toLowerCase() === "exchange" && p.capabilityStatus === "Enabled");
}

/** The DirectoryUser the gateway returns. */
export function toDirectoryUser(json: GraphUserJson): DirectoryUser {
  return {
    id: json.id,
    userPrincipalName: json.userPrincipalName,
    // Graph omits accountEnabled only when it was not selected; treat absence as enabled like Entra does.
    accountEnabled: json.accountEnabled !== false,
    exchangeLicensed: hasExchangePlan(json.assignedPlans),
    ...(Array.isArray(json.proxyAddresses) ? { proxyAddresses: json.proxyAddresses.filter((a) => typeof a === "string") } : {}),
  };
}

/** A CA policy as Graph sends it (only the parts the product reads). */
export interface GraphCaPolicyJson {
  id: string;
  displayName?: string;
  state?: string;
  conditions?: {
    clientAppTypes?: string[] | null;
    applications?: { includeApplications?: string[] | null; excludeApplications?: string[] | null } | null;
    locations?: { includeLocations?: string[] | null; excludeLocations?: string[] | null } | null;
    platforms?: { includePlatforms?: string[] | null; excludePlatforms?: string[] | null } | null;
    users?: {
      includeUsers?: string[] | null;
      excludeUsers?: string[] | null;
      includeGroups?: string[] | null;
      excludeGroups?: string[] | null;
      includeRoles?: string[] | null;
      excludeRoles?: string[] | null;
    } | null;
  } | null;
  grantControls?: { builtInControls?: string[] | null } | null;
  templateId?: string | null;
  createdDateTime?: string | null;
  modifiedDateTime?: string | null;
}

/** Flattens a Graph CA policy into the gateway's ConditionalAccessPolicy. */
export function toConditionalAccessPolicy(json: GraphCaPolicyJson): ConditionalAccessPolicy {
  const users = json.conditions?.users ?? {};
  const state = json.state === "enabled" || json.state === "enabledForReportingButNotEnforced" ? json.state : "disabled";
  return {
    id: json.id,
    displayName: json.displayName ?? json.id,
    state,
    clientAppTypes: json.conditions?.clientAppTypes ?? [],
    builtInControls: json.grantControls?.builtInControls ?? [],
    includeUsers: users.includeUsers ?? [],
    excludeUsers: users.excludeUsers ?? [],
    includeGroups: users.includeGroups ?? [],
    excludeGroups: users.excludeGroups ?? [],
    includeRoles: users.includeRoles ?? [],
    excludeRoles: users.excludeRoles ?? [],
    applications: { include: json.conditions?.applications?.includeApplications ?? ["All"], exclude: json.conditions?.applications?.excludeApplications ?? [] },
    locations: pair(json.conditions?.locations?.includeLocations, json.conditions?.locations?.excludeLocations, json.conditions?.locations),
    platforms: pair(json.conditions?.platforms?.includePlatforms, json.conditions?.platforms?.excludePlatforms, json.conditions?.platforms),
    templateId: json.templateId ?? null,
    createdDateTime: json.createdDateTime ?? null,
    modifiedDateTime: json.modifiedDateTime ?? null,
  };
}

/** A condition's include/exclude lists, or null when Graph sent no such condition. */
function pair(include: string[] | null | undefined, exclude: string[] | null | undefined, condition: unknown): { include: string[]; exclude: string[] } | null {
  return condition ? { include: include ?? [], exclude: exclude ?? [] } : null;
}

/** A sign-in record as Graph sends it. */
export interface GraphSignInJson {
  userId?: string;
  userPrincipalName?: string;
  createdDateTime?: string;
  ipAddress?: string | null;
  status?: { errorCode?: number | null } | null;
}

/** The gateway's SmtpSignIn. */
export function toSmtpSignIn(json: GraphSignInJson): SmtpSignIn {
  return {
    userId: json.userId ?? "",
    userPrincipalName: json.userPrincipalName ?? "",
    createdDateTime: json.createdDateTime ?? "",
    errorCode: json.status?.errorCode ?? 0,
    ipAddress: json.ipAddress ?? "",
  };
}

/** A directory audit entry as Graph sends it (only the parts the audit reads). */
export interface GraphDirectoryAuditJson {
  activityDateTime?: string;
  activityDisplayName?: string;
  targetResources?: Array<{ id?: string | null; displayName?: string | null }> | null;
  initiatedBy?: { user?: { userPrincipalName?: string | null } | null; app?: { displayName?: string | null } | null } | null;
}

/** The gateway's PolicyAudit: a person's UPN, else the app's name, as the initiator. */
export function toPolicyAudit(json: GraphDirectoryAuditJson): PolicyAudit {
  return {
    activityDateTime: json.activityDateTime ?? "",
    activity: json.activityDisplayName ?? "",
    targets: (json.targetResources ?? []).map((t) => ({ id: t.id ?? "", displayName: t.displayName ?? "" })),
    initiatedBy: json.initiatedBy?.user?.userPrincipalName ?? json.initiatedBy?.app?.displayName ?? null,
  };
}
