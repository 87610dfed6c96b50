import { describe, expect, it } from "vitest";
import { auditPolicy } from "../../../shared/audit/audit-service";

describe("the policy an audit runs with", () => {
  const tenant = { tenantId: "t", domains: ["t.example"], policy: { autoRevertExpired: true, exceptionDays: 30 } };

  it("is the tenant's own for a tenant onboarded read-write (or before access existed)", () => {
    expect(auditPolicy({ ...tenant, access: "read-write" })).toMatchObject({ autoRevertExpired: true, exceptionDays: 30 });
    expect(auditPolicy(tenant)).toMatchObject({ autoRevertExpired: true });
  });

  it("never reverts in a read-only tenant: expired exceptions are reported, not changed", () => {
    expect(auditPolicy({ ...tenant, access: "read-only" })).toMatchObject({ autoRevertExpired: false, exceptionDays: 30 });
  });
});
