/**
 * Exchange and Entra objects a sender moves to: High Volume Email accounts, inbound connectors,
 * apps and their service principals, and mailbox permissions.
 */

/**
 * BillingPolicyStatus values Get-HVEAccountBillingPolicy reports (learn.microsoft.com/powershell/module/
 * exchangepowershell/get-hveaccountbillingpolicy); only BillingPolicyValid lets the account send.
 */
export const HVE_BILLING_STATUSES = [
  "BillingPolicyValid", "NoProperBillingPolicyStored", "BillingPolicyNotFound", "BillingPolicyMismatched",
  "NoConnectedBillingPolicyFound", "SubscriptionIsNotActive", "NoSPOLicenseFound",
] as const;
export type HveBillingStatus = (typeof HVE_BILLING_STATUSES)[number];

/** An HVE account: a mail user (New-MailUser -HVEAccount) that signs in to the HVE endpoint. */
export interface HveAccountRecord {
  name: string;
  primarySmtpAddress: string;
  /** Its Entra user object id (HVE accounts are users in the directory; their sign-ins are logged). */
  externalDirectoryObjectId: string;
  password: string;
  billingPolicyStatus: HveBillingStatus;
  whenCreated: string;
}

/** An inbound connector (New-InboundConnector), reduced to what identifies a relaying server. */
export interface InboundConnectorRecord {
  name: string;
  connectorType: "OnPremises" | "Partner";
  senderIpAddresses: string[];
  senderDomains: string[];
  restrictDomainsToIPAddresses: boolean;
  enabled: boolean;
  whenCreated: string;
}

/** An app registered in the tenant's Entra ID, with its service principal and one client secret. */
export interface AppRegistrationRecord {
  appId: string;
  /** The enterprise application's (service principal's) object id. */
  servicePrincipalId: string;
  displayName: string;
  secret: string;
  /** Application permissions on Office 365 Exchange Online admin-consented for it (the token's roles). */
  exchangeRoles: string[];
}

/** A service principal registered in Exchange (New-ServicePrincipal). */
export interface ExchangeServicePrincipalRecord {
  appId: string;
  objectId: string;
  displayName: string;
}

/** One Add-MailboxPermission grant: `user` is a mailbox UPN or a service principal's object id. */
export interface MailboxPermissionRecord {
  mailbox: string;
  user: string;
  accessRights: string[];
}

/** One message the MX endpoint took, as Get-MessageTraceV2 lists it (per recipient). */
export interface MessageTraceRecord {
  messageTraceId: string;
  received: string;
  senderAddress: string;
  recipientAddress: string;
  fromIp: string;
  status: "Delivered";
}
