import { describe, expect, it } from "vitest";
import { automaticSteps, decideStandingPolicy, matchesUpnPattern, type PolicyQuestion } from "../../../shared/domain/standing-policy";
import { resolveTenantPolicy } from "../../../shared/domain/tenant-policy";
import type { TenantPolicy } from "../../../shared/domain/types";

const ask = (overrides: Partial<PolicyQuestion> = {}, policy: Partial<TenantPolicy> = {}) =>
  decideStandingPolicy({ steps: ["enable-mailbox-smtp-auth"], mailbox: "scan01@contoso.com", userId: "u1", automaticToday: 0, policy: resolveTenantPolicy(policy), ...overrides });

describe("the standing policy", () => {
  it("lets only the mailbox flag run alone by default; security defaults join when tenant-wide changes are allowed", () => {
    expect([...automaticSteps(resolveTenantPolicy(undefined))]).toEqual(["enable-mailbox-smtp-auth"]);
    expect([...automaticSteps(resolveTenantPolicy({ allowTenantWideChanges: true }))].sort()).toEqual(["disable-security-defaults", "enable-mailbox-smtp-auth"]);
    expect(ask().kind).toBe("automatic");
    expect(ask({ steps: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] })).toMatchObject({ kind: "await-approval", reasons: [expect.stringContaining("disable-per-user-mfa")] });
    expect(ask({ steps: ["disable-security-defaults", "enable-mailbox-smtp-auth"] }, { allowTenantWideChanges: true }).kind).toBe("automatic");
  });

  it("runs the last automatic places of the day and waits beyond them (limit - 1 and limit)", () => {
    expect(ask({ automaticToday: 24 }).kind).toBe("automatic");
    expect(ask({ automaticToday: 25 })).toMatchObject({ kind: "await-approval", reasons: [expect.stringContaining("25 of 25")] });
    expect(ask({ steps: ["enable-mailbox-smtp-auth", "disable-security-defaults"], automaticToday: 24 }, { allowTenantWideChanges: true }).kind).toBe("await-approval");
  });

  it("with deviceAccounts set, runs automatic steps only for matching mailboxes", () => {
    expect(ask({}, { deviceAccounts: ["scan*@contoso.com"] }).kind).toBe("automatic");
    expect(ask({ mailbox: "alice@contoso.com" }, { deviceAccounts: ["scan*@contoso.com"] })).toMatchObject({ kind: "await-approval" });
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
