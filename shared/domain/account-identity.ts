import { matchesAnyPattern } from "./upn-pattern";

/**
 * The account a request's address resolved to: Exchange acts on the mailbox it resolves (an alias,
 * `@tenant.onmicrosoft.com`), so policy patterns are matched against every name of that account,
 * not only the address as typed.
 */
export interface AccountIdentity {
  /** Entra object id of the user Graph returned. */
  userId: string | null;
  userPrincipalName: string | null;
  /** The mailbox's primary SMTP address (Get-CASMailbox PrimarySmtpAddress). */
  primarySmtpAddress: string | null;
  /** Every SMTP address of the account (Graph proxyAddresses / Exchange EmailAddresses), prefix removed. */
  addresses: string[];
  /** The Entra id Exchange's mailbox carries (ExternalDirectoryObjectId); must equal userId. */
  mailboxObjectId: string | null;
}

/** The account when only the request's address is known: nothing resolved, so nothing to vouch for it. */
export function unresolvedAccount(userId: string | null): AccountIdentity {
  return { userId, userPrincipalName: null, primarySmtpAddress: null, addresses: [], mailboxObjectId: null };
}

/** SMTP addresses out of proxyAddresses / EmailAddresses (`SMTP:` primary, `smtp:` others); X500, SIP and the like are dropped. */
export function smtpAddressesOf(proxyAddresses: readonly string[]): string[] {
  return proxyAddresses.filter((a) => /^smtp:/i.test(a)).map((a) => a.slice(5));
}

/** Each address once, as first spelled (addresses compare case-insensitively). */
export function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

/**
 * Two reads of the same account taken seconds apart, by source rather than by order: the Graph half
 * (id, UPN) from the later read that found the user, the Exchange half (primary address, mailbox
 * object id) from the later read that found the mailbox. A later read whose mailbox read failed would
 * otherwise drop the mailbox's half and make a consistent account look inconsistent.
 */
export function mergeAccounts(earlier: AccountIdentity | undefined, later: AccountIdentity | undefined): AccountIdentity | undefined {
  if (!earlier || !later) return later ?? earlier;
  const graph = later.userId !== null ? later : earlier;
  const exchange = later.mailboxObjectId !== null ? later : earlier;
  return {
    userId: graph.userId,
    userPrincipalName: graph.userPrincipalName,
    primarySmtpAddress: exchange.primarySmtpAddress,
    addresses: uniqueAddresses([...graph.addresses, ...exchange.addresses]),
    mailboxObjectId: exchange.mailboxObjectId,
  };
}

/**
 * Whether the request's address and the mailbox Exchange resolved belong to the same Entra user. An
 * address that is one user's UPN and another mailbox's proxy address would otherwise let the check
 * read one account and the write change another.
 */
export function isConsistentAccount(account: AccountIdentity): boolean {
  return account.userId !== null && account.mailboxObjectId !== null && account.userId.toLowerCase() === account.mailboxObjectId.toLowerCase();
}

/** Protected on any name: the address asked, the object id, the UPN, the primary or any proxy address. */
export function isProtectedAccount(requested: string, account: AccountIdentity, patterns: readonly string[]): boolean {
  const names = [requested, account.userId, account.mailboxObjectId, account.userPrincipalName, account.primarySmtpAddress, ...account.addresses];
  return names.some((name) => name !== null && matchesAnyPattern(name, patterns));
}

/**
 * A device only by the account's own identity: its UPN or primary address must match. An alias named
 * like a scanner (or the address as typed) does not turn a person's mailbox into a device.
 */
export function isDeviceAccount(account: AccountIdentity, patterns: readonly string[]): boolean {
  if (!isConsistentAccount(account)) return false;
  return [account.userPrincipalName, account.primarySmtpAddress].some((name) => name !== null && matchesAnyPattern(name, patterns));
}
