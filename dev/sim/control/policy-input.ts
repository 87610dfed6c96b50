import { randomGuid } from "../state/ids";
import { ControlInputError } from "./control-input";
import { MICROSOFT_MANAGED_POLICIES } from "../../../shared/domain/microsoft-managed-policies";
import type { ConditionalAccessPolicyRecord, DirectoryAuditRecord, SignInRecord } from "../state/tenant-records";
import type { SimTenant } from "../state/sim-tenant";

const CA_STATES = new Set(["enabled", "disabled", "enabledForReportingButNotEnforced"]);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

const isoOrNull = (value: unknown, field: string): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw new ControlInputError(`${field} must be an ISO date-time`);
  return new Date(value).toISOString();
};

/**
 * A Conditional Access policy from a control API body (Graph's shape; missing parts default).
 * `"microsoftManaged": "<key>"` makes it one of Microsoft's managed policies as Entra creates it:
 * Microsoft's name and template, all users, and for the legacy-auth block, "other clients" blocked.
 */
export function conditionalAccessFrom(id: string, raw: Record<string, unknown>): ConditionalAccessPolicyRecord {
  const body = { ...managedDefaults(raw.microsoftManaged), ...raw };
  const conditions = (body.conditions ?? {}) as Record<string, unknown>;
  const users = (conditions.users ?? {}) as Record<string, unknown>;
  const applications = (conditions.applications ?? {}) as Record<string, unknown>;
  const locations = conditions.locations as Record<string, unknown> | null | undefined;
  const platforms = conditions.platforms as Record<string, unknown> | null | undefined;
  const grant = body.grantControls as Record<string, unknown> | null | undefined;
  const state = body.state ?? "enabled";
  if (typeof state !== "string" || !CA_STATES.has(state)) throw new ControlInputError("state must be enabled, disabled or enabledForReportingButNotEnforced");
  return {
    id,
    displayName: typeof body.displayName === "string" ? body.displayName : `Policy ${id}`,
    state: state as ConditionalAccessPolicyRecord["state"],
    createdDateTime: isoOrNull(body.createdDateTime, "createdDateTime") ?? new Date().toISOString(),
    modifiedDateTime: isoOrNull(body.modifiedDateTime, "modifiedDateTime"),
    templateId: typeof body.templateId === "string" ? body.templateId : null,
    conditions: {
      clientAppTypes: strings(conditions.clientAppTypes ?? ["all"]),
      applications: { includeApplications: strings(applications.includeApplications ?? ["All"]), excludeApplications: strings(applications.excludeApplications) },
      locations: locations ? { includeLocations: strings(locations.includeLocations), excludeLocations: strings(locations.excludeLocations) } : null,
      platforms: platforms ? { includePlatforms: strings(platforms.includePlatforms), excludePlatforms: strings(platforms.excludePlatforms) } : null,
      users: {
        includeUsers: strings(users.includeUsers),
        excludeUsers: strings(users.excludeUsers),
        includeGroups: strings(users.includeGroups),
        excludeGroups: strings(users.excludeGroups),
        includeRoles: strings(users.includeRoles),
        excludeRoles: strings(users.excludeRoles),
      },
    },
    grantControls: grant === null ? null : { operator: typeof grant?.operator === "string" ? grant.operator : "OR", builtInControls: strings(grant?.builtInControls) },
  };
}

/** Sign-in records from a control API body (one object or an array): SMTP unless `clientAppUsed` says otherwise (e.g. "Browser"). */
export function signInsFrom(tenant: SimTenant, body: unknown): SignInRecord[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    if (typeof item.userPrincipalName !== "string") throw new ControlInputError("each sign-in needs a userPrincipalName");
    const record = tenant.mailboxes.find(item.userPrincipalName);
    const errorCode = typeof item.errorCode === "number" ? item.errorCode : 0;
    return signInRecord({
      userPrincipalName: item.userPrincipalName,
      userId: record?.id ?? "00000000-0000-0000-0000-000000000000",
      userDisplayName: record?.displayName ?? item.userPrincipalName,
      createdDateTime: typeof item.createdDateTime === "string" ? item.createdDateTime : new Date().toISOString(),
      errorCode,
      clientAppUsed: typeof item.clientAppUsed === "string" ? item.clientAppUsed : "Authenticated SMTP",
      ipAddress: typeof item.ipAddress === "string" ? item.ipAddress : "127.0.0.1",
    });
  });
}

const FAILURE_REASONS: Record<number, string> = {
  0: "Other.",
  50126: "Error validating credentials due to invalid username or password.",
  50053: "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
  50057: "The user account is disabled.",
  50076: "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
  53003: "Access has been blocked by Conditional Access policies.",
};

/** A sign-in record in Graph's shape. */
export function signInRecord(input: {
  userPrincipalName: string; userId: string; userDisplayName: string; createdDateTime: string;
  errorCode: number; clientAppUsed: string; ipAddress: string;
}): SignInRecord {
  return {
    id: randomGuid(),
    createdDateTime: input.createdDateTime,
    userDisplayName: input.userDisplayName,
    userPrincipalName: input.userPrincipalName,
    userId: input.userId,
    appId: "00000002-0000-0ff1-ce00-000000000000",
    appDisplayName: "Office 365 Exchange Online",
    clientAppUsed: input.clientAppUsed,
    ipAddress: input.ipAddress,
    // A browser sign-in is a person at a keyboard; SMTP and other legacy clients are not.
    isInteractive: input.clientAppUsed === "Browser",
    conditionalAccessStatus: input.errorCode === 53003 ? "failure" : "notApplied",
    status: { errorCode: input.errorCode, failureReason: FAILURE_REASONS[input.errorCode] ?? "Other.", additionalDetails: null },
  };
}

/** Graph's shape of a Microsoft-managed policy, before the body's own fields (state, dates, exclusions). */
function managedDefaults(key: unknown): Record<string, unknown> {
  if (key === undefined) return {};
  const managed = MICROSOFT_MANAGED_POLICIES.find((m) => m.key === key);
  if (!managed) throw new ControlInputError(`microsoftManaged must be one of ${MICROSOFT_MANAGED_POLICIES.map((m) => m.key).join(", ")}`);
  return {
    displayName: managed.displayName,
    // Unpublished template ids get a fixed stand-in so Graph shows a template, as it does for Microsoft's.
    templateId: managed.templateId ?? `00000000-0000-4000-8000-${managed.key.length.toString().padStart(12, "0")}`,
    state: "enabledForReportingButNotEnforced",
    conditions: {
      clientAppTypes: managed.blocksLegacyAuth ? ["exchangeActiveSync", "other"] : ["all"],
      users: { includeUsers: ["All"] },
    },
    grantControls: { operator: "OR", builtInControls: managed.blocksLegacyAuth ? ["block"] : ["mfa"] },
  };
}

/** The app name Entra's directory audit shows for Microsoft's own changes to managed policies. */
export const MANAGED_POLICY_INITIATOR = "Microsoft Managed Policy Manager";

/**
 * The directory audit entry Entra writes when a policy's state changes: by `"changedBy"` (a UPN) when
 * the body names one, by Microsoft's policy manager for a managed policy, else none (nobody is logged).
 */
export function policyChangeAudit(previous: ConditionalAccessPolicyRecord | undefined, policy: ConditionalAccessPolicyRecord, body: Record<string, unknown>): DirectoryAuditRecord | null {
  if (previous?.state === policy.state) return null;
  const changedBy = typeof body.changedBy === "string" ? body.changedBy : null;
  if (!changedBy && body.microsoftManaged === undefined) return null;
  return {
    id: randomGuid(),
    category: "Policy",
    loggedByService: "Conditional Access",
    activityDisplayName: previous ? "Update conditional access policy" : "Add conditional access policy",
    activityDateTime: policy.modifiedDateTime ?? policy.createdDateTime,
    result: "success",
    initiatedBy: changedBy ? { user: { userPrincipalName: changedBy }, app: null } : { user: null, app: { displayName: MANAGED_POLICY_INITIATOR } },
    targetResources: [{ id: policy.id, displayName: policy.displayName, type: "Policy" }],
  };
}

/** The directory audit entry for security defaults switched by `"changedBy"` (a UPN) in a PATCH body; none without one. */
export function securityDefaultsAudit(before: boolean, body: Record<string, unknown>): DirectoryAuditRecord | null {
  if (typeof body.securityDefaults !== "boolean" || body.securityDefaults === before || typeof body.changedBy !== "string") return null;
  return {
    id: randomGuid(),
    category: "Policy",
    loggedByService: "Core Directory",
    activityDisplayName: "Update policy",
    activityDateTime: new Date().toISOString(),
    result: "success",
    initiatedBy: { user: { userPrincipalName: body.changedBy }, app: null },
    targetResources: [{ id: "00000000-0000-0000-0000-000000000005", displayName: "Security Defaults", type: "Policy" }],
  };
}
