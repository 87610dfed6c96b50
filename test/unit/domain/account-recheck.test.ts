import { describe, expect, it } from "vitest";
import { unresolvedAccount, type AccountIdentity } from "../../../shared/domain/account-identity";
import { recheckAccount } from "../../../shared/domain/account-recheck";

/** The scanner's account as diagnosis resolved it. */
const SCANNER: AccountIdentity = { userId: "u1", userPrincipalName: "scan01@contoso.com", primarySmtpAddress: "scan01@contoso.com", addresses: ["scan01@contoso.com"], mailboxObjectId: "u1" };
/** Exchange's answer for the address now: its mailbox, its object id and its addresses (Get-CASMailbox carries no UPN). */
const mailboxOf = (objectId: string, ...addresses: string[]): AccountIdentity => ({ userId: null, userPrincipalName: null, primarySmtpAddress: addresses[0] ?? null, addresses, mailboxObjectId: objectId });
const recheck = (over: Partial<Parameters<typeof recheckAccount>[0]>) =>
  recheckAccount({ mailbox: "scan01@contoso.com", userId: "u1", recorded: SCANNER, protectedAccounts: [], ...over })?.code ?? null;

describe("the account check right before a write", () => {
  it("passes the checked user's mailbox, whatever the case of its object id", () => {
    expect(recheck({ resolved: mailboxOf("U1", "scan01@contoso.com") })).toBeNull();
  });

  it("refuses an address Exchange now resolves to another user's mailbox, or to none", () => {
    expect(recheck({ resolved: mailboxOf("u2", "scan01@contoso.com") })).toBe("account-changed");
    expect(recheck({ resolved: null })).toBe("account-changed");
    expect(recheck({ resolved: { ...mailboxOf("u1"), mailboxObjectId: null } })).toBe("account-changed");
  });

  it("refuses a write Exchange addresses when no Entra user was checked", () => {
    expect(recheck({ userId: null, recorded: unresolvedAccount(null), resolved: mailboxOf("u1", "scan01@contoso.com") })).toBe("account-unresolved");
  });

  it("refuses an account protected since the plan by any of its names: one Exchange lists now, one diagnosis recorded, or the address asked", () => {
    expect(recheck({ resolved: mailboxOf("u1", "scan01@contoso.com", "boss@contoso.com"), protectedAccounts: ["boss@*"] })).toBe("protected-account");
    expect(recheck({ protectedAccounts: ["scan01@contoso.com"] })).toBe("protected-account");
    expect(recheck({ mailbox: "alias@contoso.com", recorded: unresolvedAccount("u1"), protectedAccounts: ["alias@*"] })).toBe("protected-account");
  });

  it("reads nothing of Exchange for a write by user id or tenant-wide: only the protection is checked again", () => {
    expect(recheck({})).toBeNull();
    expect(recheck({ userId: null, recorded: unresolvedAccount(null) })).toBeNull();
  });
});
