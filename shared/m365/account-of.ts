import { smtpAddressesOf, uniqueAddresses, type AccountIdentity } from "../domain/account-identity";
import type { CasMailbox, DirectoryUser } from "./m365-gateway";

/**
 * The account Graph's user and Exchange's mailbox describe; a name a read did not return stays null.
 * Addresses come from both (Graph proxyAddresses, Exchange EmailAddresses), each once.
 */
export function accountOf(user: DirectoryUser | null, cas: CasMailbox | null): AccountIdentity {
  const addresses = smtpAddressesOf([...(user?.proxyAddresses ?? []), ...(cas?.emailAddresses ?? [])]);
  return {
    userId: user?.id ?? null,
    userPrincipalName: user?.userPrincipalName ?? null,
    primarySmtpAddress: cas?.primarySmtpAddress || null,
    addresses: uniqueAddresses(addresses),
    mailboxObjectId: cas?.externalDirectoryObjectId || null,
  };
}
