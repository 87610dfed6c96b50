import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AutomationBudget, utcDay } from "../../../shared/store/automation-budget";
import { connectionString } from "../remediation/support/worker-harness";

describe("AutomationBudget (Table Storage on Azurite)", () => {
  it("gives out exactly the places under the limit when many workers reserve at once", async () => {
    const budget = await AutomationBudget.open(connectionString());
    const tenantId = `budget-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(Array.from({ length: 12 }, () => budget.reserve(tenantId, "2026-11-30", 1, 5)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await budget.used(tenantId, "2026-11-30")).toBe(5);
  });

  it("takes a reservation that fits exactly, refuses one that would pass the limit, and keeps days apart", async () => {
    const budget = await AutomationBudget.open(connectionString());
    const tenantId = `budget-${randomUUID().slice(0, 8)}`;
    expect(await budget.reserve(tenantId, "2026-11-30", 2, 3)).toBe(true);
    expect(await budget.reserve(tenantId, "2026-11-30", 2, 3)).toBe(false);
    expect(await budget.reserve(tenantId, "2026-11-30", 1, 3)).toBe(true);
    expect(await budget.used(tenantId, "2026-12-01")).toBe(0);
    expect(utcDay(new Date("2026-11-30T23:59:59.999Z"))).toBe("2026-11-30");
    expect(utcDay(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01");
  });
});
