import type { Layer } from "../domain/layer";
import type { PerUserMfaState } from "../domain/types";
import type { SenderTally } from "./readiness";
import type { ConditionalAccessPolicy, PolicyAudit } from "../m365/m365-gateway";

/** A Microsoft-managed policy that blocks legacy authentication and is on (microsoft-managed-policies.ts). */
export type ManagedBlock = Pick<
  ConditionalAccessPolicy,
  "id" | "displayName" | "createdDateTime" | "modifiedDateTime" | "includeUsers" | "excludeUsers" | "includeGroups" | "excludeGroups" | "includeRoles" | "excludeRoles"
>;

/** One mailbox the audit kept from the CAS listing (the rest are only counted). */
export interface AuditedMailbox {
  /** Entra user id (ExternalDirectoryObjectId). */
  userId: string;
  /** Lower-case primary SMTP address: the subject of the mailbox's findings. */
  address: string;
  /** Exchange identity, for Set-CASMailbox. */
  identity: string;
  /** true = off, false = on, null = follow the organisation flag. */
  smtpAuthDisabled: boolean | null;
}

/** What the sign-in logs say about SMTP AUTH use, when the tenant has sign-in logs at all. */
export interface SmtpSignInEvidence {
  /** Start of the window the logs were read for. */
  since: string;
  /** Latest SMTP AUTH sign-in per user id and per lower-case UPN. */
  lastSignIn: Map<string, string>;
  /** The same read folded per account (lower-case UPN), for the readiness report. */
  senders: Map<string, SenderTally>;
}

/**
 * The compact state one audit needs, read once per run. Only mailboxes that matter are kept:
 * SMTP AUTH turned on for the mailbox itself, subjects of exceptions, and privileged users'. The rest
 * (followers of the organisation flag among them) are only counted.
 */
export interface TenantSnapshot {
  tenantId: string;
  readAt: string;
  securityDefaultsEnabled: Layer<boolean>;
  /** Get-TransportConfig SmtpClientAuthenticationDisabled. */
  orgSmtpAuthDisabled: Layer<boolean>;
  /** Display names of enabled CA policies that block legacy ("other") clients for someone. */
  legacyAuthBlockingPolicies: Layer<string[]>;
  /** Kept mailboxes, keyed by lower-case address. Unknown when the CAS listing failed. */
  mailboxes: Layer<Map<string, AuditedMailbox>>;
  mailboxCount: number;
  /** Mailboxes whose flag is null (they follow the organisation flag). */
  orgFollowerCount: number;
  /**
   * userId → privileged roles (active or eligible, direct or through a role-assignable group), only
   * for users with one; a user whose roles could not be judged maps to an unknown layer.
   */
  privilegedRoles: Layer<Map<string, Layer<string[]>>>;
  /** userId → per-user MFA state of the subjects of per-user-mfa exceptions; a user missing from the map could not be read. */
  perUserMfa: Layer<Map<string, PerUserMfaState>>;
  /** null when the tenant has no sign-in logs (no Entra ID P1). */
  smtpSignIns: Layer<SmtpSignInEvidence | null>;
  /** Microsoft-managed legacy-auth blocks that are on; absent in snapshots made before they were read. */
  microsoftManagedBlocks?: Layer<ManagedBlock[]>;
  /** Entra directory audits of policy changes, read only when a fixed sender may be re-blocked; absent = not needed. */
  policyAudits?: Layer<PolicyAudit[]>;
}

/** SMTP AUTH for a mailbox as Exchange applies it: its own flag if set, else the org flag. */
export function effectiveSmtpAuthOn(mailbox: AuditedMailbox, orgDisabled: Layer<boolean>): Layer<boolean> {
  if (mailbox.smtpAuthDisabled !== null) return { known: true, value: !mailbox.smtpAuthDisabled };
  if (!orgDisabled.known) return { known: false, reason: `follows the organisation flag, which could not be read: ${orgDisabled.reason}` };
  return { known: true, value: !orgDisabled.value };
}
