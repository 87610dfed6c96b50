import { describe, expect, it } from "vitest";
import { isConsistentAccount, isDeviceAccount, isProtectedAccount, mergeAccounts, smtpAddressesOf, unresolvedAccount, type AccountIdentity } from "../../../shared/domain/account-identity";
import { decideStandingPolicy } from "../../../shared/domain/standing-policy";
import { resolveTenantPolicy } from "../../../shared/domain/tenant-policy";

/** The CEO's mailbox: UPN and primary ceo@, aliases boss@ and the initial domain, and a scanner-like alias. */
const CEO: AccountIdentity = {
  userId: "u-ceo",
  userPrincipalName: "ceo@contoso.com",
  primarySmtpAddress: "ceo@contoso.com",
  addresses: ["ceo@contoso.com", "boss@contoso.com", "ceo@contoso.onmicrosoft.com", "scan-ceo@contoso.com"],
  mailboxObjectId: "U-CEO",
};

describe("the account behind an address", () => {
  it("keeps the SMTP addresses of proxyAddresses, primary or not, and drops X500 and SIP", () => {
    expect(smtpAddressesOf(["SMTP:a@x.com", "smtp:b@x.com", "X500:/o=Org/cn=a", "SIP:a@x.com"])).toEqual(["a@x.com", "b@x.com"]);
  });

  it("is protected when any of its names matches: the address asked, the UPN, the object id or an alias", () => {
    expect(isProtectedAccount("boss@contoso.com", CEO, ["ceo@contoso.com"])).toBe(true);
    expect(isProtectedAccount("ceo@contoso.com", CEO, ["boss@*"])).toBe(true);
    expect(isProtectedAccount("boss@contoso.com", CEO, ["u-ceo"])).toBe(true);
    expect(isProtectedAccount("boss@contoso.com", CEO, ["*@contoso.onmicrosoft.com"])).toBe(true);
    expect(isProtectedAccount("boss@contoso.com", CEO, ["cfo@contoso.com"])).toBe(false);
    // Nothing resolved: the address as asked still counts.
    expect(isProtectedAccount("ceo@contoso.com", unresolvedAccount(null), ["ceo@*"])).toBe(true);
  });

  it("is a device only by its UPN or primary address, never by an alias or the address asked, and only when Graph and Exchange agree on the user", () => {
    expect(isDeviceAccount(CEO, ["scan*@contoso.com"])).toBe(false);
    expect(isDeviceAccount(CEO, ["ceo@*"])).toBe(true);
    expect(isDeviceAccount({ ...CEO, userPrincipalName: "ceo@contoso.onmicrosoft.com" }, ["ceo@contoso.com"])).toBe(true);
    expect(isDeviceAccount({ ...CEO, mailboxObjectId: "u-other" }, ["ceo@*"])).toBe(false);
    expect(isDeviceAccount(unresolvedAccount("u-ceo"), ["*"])).toBe(false);
    expect([isConsistentAccount(CEO), isConsistentAccount({ ...CEO, mailboxObjectId: null })]).toEqual([true, false]);
  });

  it("merges two reads by source: Graph's half from the later read that found the user, Exchange's from the later read that found the mailbox", () => {
    const graphOnly: AccountIdentity = { ...CEO, primarySmtpAddress: null, mailboxObjectId: null, addresses: ["ceo@contoso.com"] };
    const exchangeOnly: AccountIdentity = { ...CEO, userId: null, userPrincipalName: null, addresses: ["CEO@contoso.com", "boss@contoso.com"] };
    expect(mergeAccounts(exchangeOnly, graphOnly)).toEqual({ ...CEO, addresses: ["ceo@contoso.com", "boss@contoso.com"] });
    expect(mergeAccounts(graphOnly, exchangeOnly)).toEqual(mergeAccounts(exchangeOnly, graphOnly));
    expect(mergeAccounts(CEO, { ...CEO, mailboxObjectId: "u-other" })?.mailboxObjectId).toBe("u-other");
    expect([mergeAccounts(undefined, CEO), mergeAccounts(CEO, undefined)]).toEqual([CEO, CEO]);
  });

  it("makes the standing policy refuse a protected mailbox named by an alias, and wait for a person's mailbox named by a scanner-like alias", () => {
    const ask = (mailbox: string, policy: Parameters<typeof resolveTenantPolicy>[0]) =>
      decideStandingPolicy({ steps: ["enable-mailbox-smtp-auth"], mailbox, userId: "u-ceo", account: CEO, automaticToday: 0, interactiveSignIns: "none", policy: resolveTenantPolicy(policy) });
    expect(ask("boss@contoso.com", { protectedAccounts: ["ceo@contoso.com"], deviceAccounts: ["*"] })).toMatchObject({ kind: "protected", code: { code: "protected-account" } });
    expect(ask("scan-ceo@contoso.com", { deviceAccounts: ["scan*@contoso.com"] })).toMatchObject({ kind: "await-approval", codes: [{ code: "not-device-account" }] });
  });
});
