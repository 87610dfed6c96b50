import { describe, expect, it } from "vitest";
import { automaticSteps, decideStandingPolicy, matchesUpnPattern, type PolicyQuestion } from "../../../shared/domain/standing-policy";
import { resolveTenantPolicy } from "../../../shared/domain/tenant-policy";
import type { TenantPolicy } from "../../../shared/domain/types";
import type { AccountIdentity } from "../../../shared/domain/account-identity";

const DEVICES = { deviceAccounts: ["scan*@contoso.com"] };
/** The account a UPN resolved to, with no further addresses. */
const accountOf = (upn: string): AccountIdentity => ({ userId: "u1", userPrincipalName: upn, primarySmtpAddress: upn, addresses: [upn], mailboxObjectId: "u1" });
const ask = (overrides: Partial<PolicyQuestion> = {}, policy: Partial<TenantPolicy> = {}) => {
  const mailbox = overrides.mailbox ?? "scan01@contoso.com";
  return decideStandingPolicy({ steps: ["enable-mailbox-smtp-auth"], mailbox, userId: "u1", account: accountOf(mailbox), automaticToday: 0, interactiveSignIns: "none", policy: resolveTenantPolicy({ ...DEVICES, ...policy }), ...overrides });
};

describe("the standing policy", () => {
  it("lets only the mailbox flag run alone on a device account; security defaults never, whatever the policy says", () => {
    expect([...automaticSteps(resolveTenantPolicy(undefined))]).toEqual(["enable-mailbox-smtp-auth"]);
    expect([...automaticSteps(resolveTenantPolicy({ allowTenantWideChanges: true, autoApprove: ["disable-security-defaults", "enable-mailbox-smtp-auth"] }))]).toEqual(["enable-mailbox-smtp-auth"]);
    expect(ask().kind).toBe("automatic");
    expect(ask({ steps: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] })).toMatchObject({ kind: "await-approval", reasons: [expect.stringContaining("disable-per-user-mfa")] });
    const tenantWide = ask({ steps: ["disable-security-defaults", "enable-mailbox-smtp-auth"] }, { allowTenantWideChanges: true, autoApprove: ["disable-security-defaults", "enable-mailbox-smtp-auth"] });
    expect(tenantWide).toMatchObject({ kind: "await-approval", reasons: [expect.stringContaining("never runs without a person")], codes: [{ code: "never-automatic" }] });
  });

  it("runs nothing alone when the policy names no device accounts, and says so", () => {
    const verdict = ask({ mailbox: "cfo@contoso.com" }, { deviceAccounts: [] });
    expect(verdict).toMatchObject({ kind: "await-approval", codes: [{ code: "no-device-accounts" }] });
    expect(ask({}, { deviceAccounts: [] }).kind).toBe("await-approval");
  });

  it("treats a device-pattern account whose user signed in interactively, or whose log is unread, as a person's", () => {
    expect(ask({ interactiveSignIns: "recent" })).toMatchObject({ kind: "await-approval", codes: [{ code: "person-signed-in", params: { mailbox: "scan01@contoso.com", days: 30 } }] });
    expect(ask({ interactiveSignIns: "unknown" })).toMatchObject({ kind: "await-approval", codes: [{ code: "sign-ins-unknown" }] });
    expect(ask({ interactiveSignIns: undefined })).toMatchObject({ kind: "await-approval", codes: [{ code: "sign-ins-unknown" }] });
    expect(ask({ interactiveSignIns: "none" }).kind).toBe("automatic");
  });

  it("runs the last automatic places of the day and waits beyond them (limit - 1 and limit)", () => {
    expect(ask({ automaticToday: 24 }).kind).toBe("automatic");
    expect(ask({ automaticToday: 25 })).toMatchObject({ kind: "await-approval", reasons: [expect.stringContaining("25 of 25")] });
    expect(ask({ steps: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], automaticToday: 24 }, { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] })).toMatchObject({ kind: "await-approval", codes: [{ code: "budget-used" }] });
  });

  it("with deviceAccounts set, runs automatic steps only for matching mailboxes", () => {
    expect(ask({}, { deviceAccounts: ["scan*@contoso.com"] }).kind).toBe("automatic");
    expect(ask({ mailbox: "alice@contoso.com" }, { deviceAccounts: ["scan*@contoso.com"] })).toMatchObject({ kind: "await-approval", codes: [{ code: "not-device-account" }] });
  });

  it("lets a ticket run alone only when the tenant's own people or a ticket-system agent raised it", () => {
    const from = (requester: string | undefined, agent = false) => ({ origin: { ...(requester ? { requester } : {}), agent }, tenantDomains: ["contoso.com"] });
    expect(ask({ ticket: from("facilities@Contoso.com") }).kind).toBe("automatic");
    expect(ask({ ticket: from("tech@msp.example", true) }).kind).toBe("automatic");
    expect(ask({ ticket: from("someone@contoso.com.evil.example") })).toMatchObject({ kind: "await-approval", codes: [{ code: "ticket-from-outsider", params: { requester: "someone@contoso.com.evil.example" } }] });
    expect(ask({ ticket: from(undefined) })).toMatchObject({ kind: "await-approval", codes: [{ code: "ticket-requester-unknown" }] });
    const approved = { steps: ["enable-mailbox-smtp-auth" as const], mailbox: "scan01@contoso.com", userId: "u1" };
    expect(ask({ ticket: from("someone@outside.example"), approved }).kind).toBe("approved");
  });

  it("never weakens a protected account, approved or not", () => {
    const approved = { steps: ["enable-mailbox-smtp-auth" as const], mailbox: "ceo@contoso.com", userId: "u1" };
    expect(ask({ mailbox: "ceo@contoso.com", approved }, { protectedAccounts: ["ceo@*"] }).kind).toBe("protected");
  });

  it("lets an approval cover the plan it was given for, or less, on the same account only", () => {
    const approved = { steps: ["enable-mailbox-smtp-auth" as const, "disable-per-user-mfa" as const], mailbox: "scan01@contoso.com", userId: "u1" };
    expect(ask({ steps: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], approved }).kind).toBe("approved");
    expect(ask({ steps: ["disable-per-user-mfa"], approved }).kind).toBe("approved");
    expect(ask({ steps: ["disable-per-user-mfa"], approved, userId: "someone-else" }).kind).toBe("await-approval");
    const grown = ask({ steps: ["disable-security-defaults", "enable-mailbox-smtp-auth"], approved });
    expect(grown).toMatchObject({ kind: "await-approval", reasons: [expect.stringContaining("more than was approved"), expect.any(String)] });
  });

  it("matches UPN patterns whole and case-insensitively, with * only as a wildcard", () => {
    expect(matchesUpnPattern("Scan01@Contoso.com", ["scan*@contoso.com"])).toBe(true);
    expect(matchesUpnPattern("scan01@contoso.com.evil.example", ["scan*@contoso.com"])).toBe(false);
    expect(matchesUpnPattern("scanXcontoso@com", ["scan.contoso@com"])).toBe(false);
    expect(matchesUpnPattern("anyone@devices.contoso.com", ["*@devices.contoso.com"])).toBe(true);
  });
});
