import { APP_PERMISSIONS } from "../../../shared/m365/permission-manifest";
import { EXCHANGE_READ_CMDLETS, EXCHANGE_WRITE_CMDLETS } from "../../../shared/m365/exchange-role";

/** Graph's conditionalAccessPolicy, reduced to the parts the simulator and the product read. */
export interface ConditionalAccessPolicyRecord {
  id: string;
  displayName: string;
  state: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
  createdDateTime: string;
  modifiedDateTime: string | null;
  /** The template it was made from; Microsoft-managed policies carry Microsoft's (Graph's templateId). */
  templateId: string | null;
  conditions: {
    clientAppTypes: string[];
    applications: { includeApplications: string[]; excludeApplications: string[] };
    /** null = no location condition; "AllTrusted" and named-location ids as Entra lists them. */
    locations: { includeLocations: string[]; excludeLocations: string[] } | null;
    /** null = no device platform condition. */
    platforms: { includePlatforms: string[]; excludePlatforms: string[] } | null;
    users: {
      includeUsers: string[];
      excludeUsers: string[];
      includeGroups: string[];
      excludeGroups: string[];
      includeRoles: string[];
      excludeRoles: string[];
    };
  };
  grantControls: { operator: string; builtInControls: string[] } | null;
}

/** An Entra directory audit entry (Graph's directoryAudit, the parts the product reads). */
export interface DirectoryAuditRecord {
  id: string;
  category: string;
  loggedByService: string;
  activityDisplayName: string;
  activityDateTime: string;
  result: "success" | "failure";
  initiatedBy: { user: { userPrincipalName: string } | null; app: { displayName: string } | null };
  targetResources: Array<{ id: string; displayName: string; type: string }>;
}

/** An Exchange authentication policy (only the SMTP switch matters to the product). */
export interface AuthenticationPolicyRecord {
  name: string;
  allowBasicAuthSmtp: boolean;
}

/** One SMTP sign-in as Graph's auditLogs/signIns returns it (a subset of the real fields). */
export interface SignInRecord {
  id: string;
  createdDateTime: string;
  userDisplayName: string;
  userPrincipalName: string;
  userId: string;
  appId: string;
  appDisplayName: string;
  clientAppUsed: string;
  ipAddress: string;
  isInteractive: boolean;
  conditionalAccessStatus: "success" | "failure" | "notApplied";
  status: { errorCode: number; failureReason: string; additionalDetails: string | null };
}

/** Tenant-wide switches, as the control API shows and changes them. */
export interface TenantFlags {
  securityDefaults: boolean;
  /** Get-TransportConfig SmtpClientAuthenticationDisabled. */
  orgSmtpAuthDisabled: boolean;
  /** Basic auth for SMTP removed (MC786329): SMTP basic auth answers 550 5.7.30. */
  basicAuthRetired: boolean;
  /**
   * The end-of-December 2026 default (MC786329): basic auth for SMTP AUTH off in the tenant until an
   * admin turns it back on; basic AUTH answers 550 5.7.30. Microsoft documents no way to read it yet,
   * so the product does not read it (SMTP_BASIC_AUTH_DEFAULT says what it assumes).
   */
  basicAuthSmtpDefaultOff: boolean;
  /** The domain is federated and its identity provider (AD FS or another STS) is down: basic AUTH answers 535 5.7.139 "federated STS service was unreachable". */
  federatedStsUnreachable: boolean;
  /** Entra ID P1: sign-in logs readable. */
  signInLogs: boolean;
  /**
   * The application permissions (Graph's and Exchange.ManageAsApp) the tenant's admin consent gave the
   * app; default: what the app's manifest asks for (shared/m365/permission-manifest.ts).
   */
  grantedPermissions: string[];
  /** Shorthand for tests: permissions taken away from `grantedPermissions` (a cmdlet's name refuses that cmdlet). */
  deniedPermissions: string[];
  /** Get-OrganizationConfig DefaultAuthenticationPolicy; null = none. */
  defaultAuthenticationPolicy: string | null;
  clientId: string;
  clientSecret: string;
  /** Managed identities (their object ids) the app registration trusts as federated credentials. */
  federatedSubjects: string[];
  /**
   * Cmdlets of the Exchange role group the app's service principal belongs to; null = the Exchange
   * Administrator role (every cmdlet). Others get Exchange's "not allowed" 401.
   */
  exchangeRoleCmdlets: string[] | null;
  /** Verified domains besides the tenant's domain and its initial `.onmicrosoft.com` one (Graph /organization). */
  extraVerifiedDomains: string[];
}

/** Flags of a tenant created without options: a post-2020 tenant, as Microsoft creates them. */
export function defaultFlags(): TenantFlags {
  return {
    securityDefaults: true,
    orgSmtpAuthDisabled: true,
    basicAuthRetired: false,
    basicAuthSmtpDefaultOff: false,
    federatedStsUnreachable: false,
    signInLogs: true,
    grantedPermissions: [...APP_PERMISSIONS],
    deniedPermissions: [],
    defaultAuthenticationPolicy: null,
    clientId: "sim-client",
    clientSecret: "sim-secret",
    federatedSubjects: [],
    // The role group infra/exchange/grant-app-role-group.ps1 creates: only the cmdlets the app runs (null = Exchange Administrator).
    exchangeRoleCmdlets: [...EXCHANGE_READ_CMDLETS, ...EXCHANGE_WRITE_CMDLETS],
    extraVerifiedDomains: [],
  };
}
