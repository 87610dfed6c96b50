import { describe, expect, it } from "vitest";
import { AuditSlots } from "../../../shared/audit/audit-slots";

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

describe("AuditSlots", () => {
  it("audits up to `limit` tenants at once, never two audits of one tenant, and a waiting tenant holds no place", async () => {
    const slots = new AuditSlots(2);
    const running = new Map<string, number>();
    let peak = 0;
    const order: string[] = [];
    const audit = (tenantId: string, fail = false) =>
      slots.run(tenantId, async () => {
        order.push(tenantId);
        running.set(tenantId, (running.get(tenantId) ?? 0) + 1);
        expect(running.get(tenantId)).toBe(1);
        peak = Math.max(peak, [...running.values()].reduce((a, b) => a + b, 0));
        await tick();
        running.set(tenantId, running.get(tenantId)! - 1);
        if (fail) throw new Error("read failed");
        return tenantId;
      });
    // The second audit of "A" (case aside) waits for the first; "B" takes the free place meanwhile.
    const results = await Promise.allSettled([audit("A", true), audit("a"), audit("B"), audit("C")]);
    expect(peak).toBe(2);
    expect(order.slice(0, 2)).toEqual(["A", "B"]);
    expect(order.indexOf("a")).toBeGreaterThan(order.indexOf("A"));
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await slots.run("A", async () => "free again")).toBe("free again");
  });
});
