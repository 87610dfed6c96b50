import type { PerUserMfaState } from "../../../shared/domain/types";

/** Everything the simulator knows about one user and their mailbox (Entra and Exchange). */
export interface MailboxRecord {
  index: number;
  userPrincipalName: string;
  /** Entra object id (Graph user id, Exchange ExternalDirectoryObjectId). */
  id: string;
  /** Exchange mailbox Guid. */
  guid: string;
  alias: string;
  displayName: string;
  smtpClientAuthenticationDisabled: boolean | null;
  perUserMfaState: PerUserMfaState;
  accountEnabled: boolean;
  /** Has an enabled Exchange plan in assignedPlans. */
  licensed: boolean;
  /** Directory role display names, e.g. "Global Administrator" (active assignments). */
  roles: string[];
  /** Roles the user is PIM-eligible for: only in roleEligibilityScheduleInstances, one activation from active. */
  eligibleRoles: string[];
  password: string;
  /** Smart lockout in effect. */
  locked: boolean;
  /** Name of the Exchange authentication policy assigned to the user; null = org default. */
  authenticationPolicy: string | null;
  /** false = an Entra user without an Exchange mailbox. */
  hasMailbox: boolean;
  /** Blocked from sending (a restricted entity after outbound spam): AUTH works, MAIL FROM gets 550 5.1.8. */
  restrictedSender: boolean;
  /** Further SMTP addresses of the mailbox (aliases, `@tenant.onmicrosoft.com`); the UPN is the primary. */
  proxyAddresses: string[];
}

/** The settable part of a mailbox: what `PUT /_sim/tenants/{t}/mailboxes/{upn}` takes. */
export type MailboxSettings = Pick<
  MailboxRecord,
  | "smtpClientAuthenticationDisabled"
  | "perUserMfaState"
  | "accountEnabled"
  | "licensed"
  | "roles"
  | "eligibleRoles"
  | "password"
  | "locked"
  | "authenticationPolicy"
  | "hasMailbox"
  | "displayName"
  | "restrictedSender"
  | "proxyAddresses"
>;

/** Password every generated or newly created mailbox has until one is set. */
export const DEFAULT_PASSWORD = "sim-password";

/** The settings of a mailbox nobody has touched: SMTP AUTH follows the org, no MFA, licensed. */
export function defaultSettings(displayName: string): MailboxSettings {
  return {
    smtpClientAuthenticationDisabled: null,
    perUserMfaState: "disabled",
    accountEnabled: true,
    licensed: true,
    roles: [],
    eligibleRoles: [],
    password: DEFAULT_PASSWORD,
    locked: false,
    authenticationPolicy: null,
    hasMailbox: true,
    displayName,
    restrictedSender: false,
    proxyAddresses: [],
  };
}

/** The control API's view of a mailbox: the fields PUT takes plus the ids. */
export function mailboxView(record: MailboxRecord): Record<string, unknown> {
  const { index: _index, ...rest } = record;
  return rest;
}

/** Every SMTP address of a mailbox as Graph's proxyAddresses and Exchange's EmailAddresses list them: `SMTP:` the primary, `smtp:` the rest. */
export function smtpAddresses(record: MailboxRecord): string[] {
  return [`SMTP:${record.userPrincipalName}`, ...record.proxyAddresses.map((a) => `smtp:${a}`)];
}
