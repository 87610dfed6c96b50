import { smtpAddresses, type MailboxRecord } from "../state/mailbox-record";
import type { SimTenant } from "../state/sim-tenant";
import type { AuthenticationPolicyRecord } from "../state/tenant-records";

/** A CAS mailbox as Get-CASMailbox returns it (without $select). */
export function casMailboxObject(record: MailboxRecord): Record<string, unknown> {
  return {
    Identity: record.alias,
    Name: record.alias,
    DisplayName: record.displayName,
    PrimarySmtpAddress: record.userPrincipalName,
    ExternalDirectoryObjectId: record.id,
    Guid: record.guid,
    SmtpClientAuthenticationDisabled: record.smtpClientAuthenticationDisabled,
    ActiveSyncEnabled: true,
    OWAEnabled: true,
    PopEnabled: true,
    ImapEnabled: true,
    MAPIEnabled: true,
    EwsEnabled: true,
    ECPEnabled: true,
    EmailAddresses: smtpAddresses(record),
    IsValid: true,
    ObjectState: "Unchanged",
  };
}

/** A user as Get-User returns it. */
export function userObject(record: MailboxRecord): Record<string, unknown> {
  return {
    Identity: record.alias,
    Name: record.alias,
    DisplayName: record.displayName,
    UserPrincipalName: record.userPrincipalName,
    WindowsEmailAddress: record.hasMailbox ? record.userPrincipalName : "",
    ExternalDirectoryObjectId: record.id,
    Guid: record.guid,
    RecipientType: record.hasMailbox ? "UserMailbox" : "User",
    RecipientTypeDetails: record.hasMailbox ? "UserMailbox" : "User",
    AuthenticationPolicy: record.authenticationPolicy,
    AccountDisabled: !record.accountEnabled,
  };
}

/** An authentication policy as Get-AuthenticationPolicy returns it. */
export function authenticationPolicyObject(policy: AuthenticationPolicyRecord): Record<string, unknown> {
  return {
    Identity: policy.name,
    Name: policy.name,
    AllowBasicAuthSmtp: policy.allowBasicAuthSmtp,
    AllowBasicAuthImap: false,
    AllowBasicAuthPop: false,
    AllowBasicAuthWebServices: false,
    AllowBasicAuthPowershell: false,
    AllowBasicAuthActiveSync: false,
    AllowBasicAuthAutodiscover: false,
    AllowBasicAuthMapi: false,
    AllowBasicAuthOfflineAddressBook: false,
    AllowBasicAuthRpc: false,
    AllowBasicAuthReportingWebServices: false,
    AllowBasicAuthOutlookService: false,
  };
}

/** The organisation's transport settings. */
export function transportConfigObject(tenant: SimTenant): Record<string, unknown> {
  return {
    Identity: "Transport Settings",
    Name: "Transport Settings",
    SmtpClientAuthenticationDisabled: tenant.flags.orgSmtpAuthDisabled,
    MaxSendSize: "35 MB (36,700,160 bytes)",
    MaxReceiveSize: "36 MB (37,748,736 bytes)",
    AllowLegacyTLSClients: false,
  };
}

/** The organisation configuration. */
export function organizationConfigObject(tenant: SimTenant): Record<string, unknown> {
  return {
    Identity: tenant.domain,
    Name: tenant.domain,
    DisplayName: tenant.domain,
    DefaultAuthenticationPolicy: tenant.flags.defaultAuthenticationPolicy,
    OAuth2ClientProfileEnabled: true,
    RejectDirectSend: tenant.flags.rejectDirectSend,
    IsDehydrated: false,
  };
}

/** Keeps only the $select-ed properties (matched case-insensitively); all when none are asked. */
export function selectProperties(object: Record<string, unknown>, select: readonly string[] | null): Record<string, unknown> {
  if (!select) return object;
  const picked: Record<string, unknown> = {};
  for (const wanted of select) {
    const key = Object.keys(object).find((k) => k.toLowerCase() === wanted.toLowerCase());
    if (key) picked[key] = object[key];
  }
  return picked;
}
