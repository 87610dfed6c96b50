import { describe, expect, it } from "vitest";
import { ConcurrencyLimit } from "../../../shared/queue/concurrency-limit";

describe("ConcurrencyLimit", () => {
  it("runs at most `limit` at once, the rest in arrival order, and frees a place when work fails", async () => {
    const limit = new ConcurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const job = (i: number) => limit.run(async () => {
      started.push(i);
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 10));
      active -= 1;
      if (i === 1) throw new Error("boom");
      return i;
    });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(job));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await limit.run(async () => "free again")).toBe("free again");
  });
});
