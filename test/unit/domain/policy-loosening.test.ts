import { describe, expect, it } from "vitest";
import { looseningsOf } from "../../../shared/domain/policy-loosening";
import { resolveTenantPolicy } from "../../../shared/domain/tenant-policy";
import type { TenantPolicy } from "../../../shared/domain/types";

const GROUP_A = "11111111-1111-1111-1111-111111111111";
const GROUP_B = "22222222-2222-2222-2222-222222222222";
const BEFORE = resolveTenantPolicy({ deviceAccounts: ["scan*@contoso.com"], protectedAccounts: ["ceo@contoso.com"], operatorGroups: [GROUP_A] });
const change = (after: Partial<TenantPolicy>) => looseningsOf(BEFORE, { ...BEFORE, ...after });

describe("is this policy change a loosening", () => {
  it("names each field that lets more run alone or more people act", () => {
    expect(change({ autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] })).toEqual(["autoApprove"]);
    expect(change({ allowTenantWideChanges: true })).toEqual(["allowTenantWideChanges"]);
    expect(change({ maxAutomaticPerDay: 26 })).toEqual(["maxAutomaticPerDay"]);
    expect(change({ approvalHours: 72.5 })).toEqual(["approvalHours"]);
    expect(change({ deviceAccounts: ["scan*@contoso.com", "*@contoso.com"] })).toEqual(["deviceAccounts"]);
    expect(change({ protectedAccounts: [] })).toEqual(["protectedAccounts"]);
    expect(change({ operatorGroups: [] })).toEqual(["operatorGroups"]);
    expect(change({ operatorGroups: [GROUP_B] })).toEqual(["operatorGroups"]);
    expect(change({ operatorGroups: [GROUP_A, GROUP_B] })).toEqual(["operatorGroups"]);
  });

  it("finds nothing in a change that only tightens or keeps", () => {
    expect(change({})).toEqual([]);
    expect(change({ autoApprove: [], maxAutomaticPerDay: 24, approvalHours: 71, deviceAccounts: [], protectedAccounts: ["ceo@contoso.com", "cfo@contoso.com"] })).toEqual([]);
    expect(change({ deviceAccounts: ["SCAN*@Contoso.com"] })).toEqual([]);
    expect(change({ exceptionDays: 3650, locale: "bg", autoRevertExpired: true })).toEqual([]);
    expect(looseningsOf(resolveTenantPolicy({}), resolveTenantPolicy({ operatorGroups: [GROUP_A] }))).toEqual([]);
  });

  it("names every loosened field of one change", () => {
    expect(change({ allowTenantWideChanges: true, protectedAccounts: [], autoApprove: ["disable-security-defaults"] })).toEqual(["autoApprove", "allowTenantWideChanges", "protectedAccounts"]);
  });
});
