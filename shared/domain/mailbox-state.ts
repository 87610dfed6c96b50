import type { AccountIdentity } from "./account-identity";
import type { Layer } from "./layer";
import type { PerUserMfaState } from "./types";

/** A Conditional Access policy that blocks legacy ("other clients") authentication for the user. */
export interface BlockingCaPolicy {
  id: string;
  displayName: string;
  /** Set when Microsoft created and manages the policy (microsoft-managed-policies.ts). */
  microsoftManaged?: { key: string; createdDateTime: string | null; modifiedDateTime: string | null };
}

/** The Exchange authentication policy that applies to the user, as far as SMTP basic auth goes. */
export interface AuthPolicyVerdict {
  /** Name of the policy in force (user's own, else the org default); null when none applies. */
  policyName: string | null;
  allowBasicAuthSmtp: boolean;
}

/**
 * Every layer that decides whether a mailbox can send with SMTP AUTH, read live for one mailbox.
 * Produced by the M365 tenant reader; consumed by diagnosis, planning and the steps' checks.
 */
export interface MailboxState {
  tenantId: string;
  /** The address as asked (UPN or primary SMTP address). */
  mailbox: string;
  /** Entra object id of the mailbox's user, when the user was found. */
  userId: string | null;
  /** Every name of the account the address resolved to (left out by readers that do not resolve it). */
  account?: AccountIdentity;
  readAt: string;
  securityDefaultsEnabled: Layer<boolean>;
  /** Get-TransportConfig SmtpClientAuthenticationDisabled (true = off for every mailbox that follows it). */
  orgSmtpAuthDisabled: Layer<boolean>;
  /** Whether Exchange and Entra know this mailbox at all. */
  mailboxExists: Layer<boolean>;
  /** Get-CASMailbox SmtpClientAuthenticationDisabled: true (off), false (on), null (follow the org). */
  mailboxSmtpAuthDisabled: Layer<boolean | null>;
  perUserMfaState: Layer<PerUserMfaState>;
  accountEnabled: Layer<boolean>;
  exchangeLicensed: Layer<boolean>;
  /** Display names of privileged directory roles the user holds (empty when none). */
  privilegedRoles: Layer<string[]>;
  blockingCaPolicies: Layer<BlockingCaPolicy[]>;
  /** Microsoft-managed legacy-auth blocks still in report-only that would block this user once Microsoft turns them on. */
  pendingManagedBlocks?: BlockingCaPolicy[];
  authPolicy: Layer<AuthPolicyVerdict>;
}

/** SMTP AUTH as Exchange applies it: the mailbox flag when set, else the organisation flag. */
export function effectiveSmtpAuthDisabled(state: MailboxState): Layer<boolean> {
  const mbx = state.mailboxSmtpAuthDisabled;
  if (!mbx.known) return mbx;
  if (mbx.value !== null) return { known: true, value: mbx.value };
  return state.orgSmtpAuthDisabled;
}
