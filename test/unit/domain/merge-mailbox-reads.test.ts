import { describe, expect, it } from "vitest";
import { isConsistentAccount, isDeviceAccount } from "../../../shared/domain/account-identity";
import { hasUnknownLayer, mergeMailboxReads } from "../../../shared/domain/merge-mailbox-reads";
import { mailboxWith, withUnread, workingMailbox } from "./support/mailbox-state-builder";

describe("mergeMailboxReads", () => {
  it("fills a layer the later read missed from the earlier read", () => {
    const earlier = withUnread(mailboxWith({ perUserMfaState: "enforced" }), "securityDefaultsEnabled");
    const later = withUnread(mailboxWith({ securityDefaultsEnabled: true }), "perUserMfaState");
    const merged = mergeMailboxReads(earlier, later);
    expect(merged.perUserMfaState).toEqual({ known: true, value: "enforced" });
    expect(merged.securityDefaultsEnabled).toEqual({ known: true, value: true });
    expect(hasUnknownLayer(merged)).toBe(false);
  });

  it("prefers the later read where both read the layer", () => {
    const merged = mergeMailboxReads(mailboxWith({ mailboxSmtpAuthDisabled: true }), mailboxWith({ mailboxSmtpAuthDisabled: false }));
    expect(merged.mailboxSmtpAuthDisabled).toEqual({ known: true, value: false });
  });

  it("stays unknown where neither read succeeded", () => {
    const merged = mergeMailboxReads(withUnread(workingMailbox(), "authPolicy"), withUnread(workingMailbox(), "authPolicy"));
    expect(merged.authPolicy.known).toBe(false);
    expect(hasUnknownLayer(merged)).toBe(true);
  });

  it("keeps the account consistent when the later read found the user but not the mailbox: each half from the read that found it", () => {
    const names = { userPrincipalName: "scan01@contoso.com", addresses: ["scan01@contoso.com"] };
    const earlier = { ...workingMailbox(), account: { userId: "u1", ...names, primarySmtpAddress: "scan01@contoso.com", mailboxObjectId: "u1" } };
    const later = { ...workingMailbox(), account: { userId: "u1", ...names, primarySmtpAddress: null, mailboxObjectId: null } };
    const merged = mergeMailboxReads(earlier, later).account;
    expect(merged).toEqual(earlier.account);
    expect(merged && [isConsistentAccount(merged), isDeviceAccount(merged, ["scan*@contoso.com"])]).toEqual([true, true]);
  });
});
