import { smtpAddressesOf, type AccountIdentity } from "../domain/account-identity";
import type { CasMailbox, DirectoryUser } from "./m365-gateway";

/** The account Graph's user and Exchange's mailbox describe; a name a read did not return stays null. */
export function accountOf(user: DirectoryUser | null, cas: CasMailbox | null): AccountIdentity {
  return {
    userId: user?.id ?? null,
    userPrincipalName: user?.userPrincipalName ?? null,
    primarySmtpAddress: cas?.primarySmtpAddress || null,
    addresses: smtpAddressesOf(user?.proxyAddresses ?? []),
    mailboxObjectId: cas?.externalDirectoryObjectId || null,
  };
}
