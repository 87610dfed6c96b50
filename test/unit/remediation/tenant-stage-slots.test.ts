import { describe, expect, it } from "vitest";
import { TenantStageSlots } from "../../../shared/remediation/tenant-stage-slots";

describe("TenantStageSlots", () => {
  it("runs at most `limit` stages of a tenant, lines up `line` more, and turns the rest away", async () => {
    const slots = new TenantStageSlots(2, 2);
    const a1 = await slots.take("Contoso");
    const a2 = await slots.take("contoso");
    let thirdRan = false;
    const third = slots.take("CONTOSO").then((release) => ((thirdRan = true), release));
    void slots.take("contoso");
    expect(await slots.take("contoso")).toBeNull(); // two run, two wait: the line is full
    expect(await slots.take("fabrikam")).not.toBeNull(); // another tenant is not held up
    expect(slots.countFor("contoso")).toEqual({ running: 2, waiting: 2 });
    await Promise.resolve();
    expect(thirdRan).toBe(false);
    a1!();
    a1!(); // a second release gives back nothing more
    const release3 = await third;
    expect(thirdRan).toBe(true);
    expect(slots.countFor("contoso")).toEqual({ running: 2, waiting: 1 });
    a2!();
    release3!();
    expect(slots.countFor("contoso")).toEqual({ running: 1, waiting: 0 });
  });
});
