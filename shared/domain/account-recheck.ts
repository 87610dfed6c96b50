import { isProtectedAccount, mergeAccounts, type AccountIdentity } from "./account-identity";
import type { CodedText } from "./coded-text";
import { reasonCode } from "./request-reasons";

/** What the write-time account check knows: nothing here is read for it alone. */
export interface AccountRecheck {
  /** The address the request named. */
  mailbox: string;
  /** The Entra user diagnosis checked (privilege, policy). */
  userId: string | null;
  /** The account's names as diagnosis resolved them. */
  recorded: AccountIdentity;
  /**
   * What Exchange resolves the address to now (from the step's own Get-CASMailbox), null when it finds
   * no mailbox; left out when the write does not name the mailbox by its address.
   */
  resolved?: AccountIdentity | null;
  protectedAccounts: readonly string[];
}

/**
 * The standing policy's account checks again, right before a write: no name of the account (as
 * diagnosed, and as Exchange lists it now) may be protected under today's policy, and an address
 * Exchange resolves itself must still lead to the checked user's mailbox (an alias can be moved).
 */
export function recheckAccount(q: AccountRecheck): CodedText | null {
  const names = mergeAccounts(q.recorded, q.resolved ?? undefined) ?? q.recorded;
  if (isProtectedAccount(q.mailbox, names, q.protectedAccounts)) return reasonCode("protected-account", { mailbox: q.mailbox });
  if (q.resolved === undefined) return null;
  if (!q.userId) return reasonCode("account-unresolved", { mailbox: q.mailbox });
  const owner = q.resolved?.mailboxObjectId;
  if (!owner || owner.toLowerCase() !== q.userId.toLowerCase()) return reasonCode("account-changed", { mailbox: q.mailbox, userId: q.userId });
  return null;
}
