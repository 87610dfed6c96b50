import { describe, expect, it } from "vitest";
import { conditionalAccessBlocks } from "../../dev/sim/smtp/smtp-auth-decision";
import { conditionalAccessFrom } from "../../dev/sim/control/policy-input";
import { SimTenant } from "../../dev/sim/state/sim-tenant";

const UPN = "member@ca.test";

function blocks(conditions: Record<string, unknown>, group?: { roles?: string[] }): boolean {
  const tenant = new SimTenant("ca", "ca.test", 0);
  const record = tenant.mailboxes.upsert(UPN, {});
  if (group) tenant.groups.set("g1", { id: "g1", displayName: "Admins", isAssignableToRole: true, roles: group.roles ?? [], eligibleRoles: [], members: [UPN], eligibleMembers: [] });
  const policy = conditionalAccessFrom("p1", { conditions: { clientAppTypes: ["other"], ...conditions }, grantControls: { builtInControls: ["block"] } });
  tenant.conditionalAccess.set(policy.id, policy);
  return conditionalAccessBlocks(tenant, record);
}

describe("the simulator's Conditional Access judgement of an SMTP AUTH sign-in", () => {
  it("applies a policy to members of an included group and to holders of a role held through a group", () => {
    expect(blocks({ users: { includeGroups: ["g1"] } }, {})).toBe(true);
    expect(blocks({ users: { includeRoles: ["62e90394-69f5-4237-9190-012177145e10"] } }, { roles: ["Global Administrator"] })).toBe(true);
    expect(blocks({ users: { includeUsers: ["All"], excludeGroups: ["g1"] } }, {})).toBe(false);
  });

  it("signs in from no named location and reports no platform", () => {
    expect(blocks({ users: { includeUsers: ["All"] }, locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } })).toBe(true);
    expect(blocks({ users: { includeUsers: ["All"] }, locations: { includeLocations: ["a-named-location"], excludeLocations: [] } })).toBe(false);
    expect(blocks({ users: { includeUsers: ["All"] }, platforms: { includePlatforms: ["iOS"], excludePlatforms: [] } })).toBe(false);
  });

  it("applies only to policies covering Exchange Online", () => {
    expect(blocks({ users: { includeUsers: ["All"] }, applications: { includeApplications: ["Office365"] } })).toBe(true);
    expect(blocks({ users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"], excludeApplications: ["00000002-0000-0ff1-ce00-000000000000"] } })).toBe(false);
  });
});
