import { describe, expect, it } from "vitest";
import { inTenantScope } from "../../../shared/auth/tenant-scope";

const GROUP = "6f1c2d3e-0000-4000-8000-000000000001";

describe("inTenantScope", () => {
  it("lets members of the tenant's operator groups in, and everyone when it names none", () => {
    expect(inTenantScope({ groups: [GROUP] }, { tenantId: "t1", policy: { operatorGroups: [GROUP] } })).toBe(true);
    expect(inTenantScope({ groups: [] }, { tenantId: "t1", policy: { operatorGroups: [GROUP] } })).toBe(false);
    expect(inTenantScope({ groups: [] }, { tenantId: "t1", policy: { operatorGroups: [] } })).toBe(true);
  });

  it("believes no groups of a tenant whose row failed its seal: only Tenant.Manage holders see it", () => {
    const broken = { tenantId: "t1", policy: { operatorGroups: [] }, seal: { status: "broken" as const } };
    expect(inTenantScope({ groups: [GROUP], roles: ["Remediation.Read", "Remediation.Request"] }, broken)).toBe(false);
    expect(inTenantScope({ groups: [] }, broken)).toBe(false);
    expect(inTenantScope({ groups: [], roles: ["Tenant.Manage"] }, broken)).toBe(true);
  });
});
