import { describe, expect, it } from "vitest";
import { estateSenders } from "../../../shared/audit/estate-senders";
import { dailySending } from "../../../shared/audit/estate-daily";
import type { ReadinessReport, ReadinessSender } from "../../../shared/audit/readiness";
import type { DailyReadinessCount } from "../../../shared/audit/readiness-daily-store";

const s = (upn: string, extra: Partial<ReadinessSender> = {}): ReadinessSender => ({ upn, signIns: 3, ipAddresses: ["203.0.113.5"], privileged: false, path: "relay-connector", why: "", lastSuccessAt: "2026-12-05T10:00:00.000Z", ...extra });
const report = (senders: ReadinessSender[], runId = "r2"): ReadinessReport => ({ tenantId: "t", generatedAt: "2026-12-06T00:00:00.000Z", runId, retirement: { defaultOffAt: "2026-12-31", source: "" }, windowDays: 30, senders });

describe("the estate's senders", () => {
  it("says where each sender stands: still on basic auth, failing, open without sending, or moved since the baseline", () => {
    const latest = report([s("ok@t"), s("bad@t", { lastSuccessAt: undefined, lastFailureAt: "2026-12-05T11:00:00.000Z" }), s("quiet@t", { signIns: 0, lastSuccessAt: undefined, path: "retire" })]);
    const baseline = report([s("ok@t"), s("gone@t"), s("never-sent@t", { signIns: 0, lastSuccessAt: undefined })], "r1");
    const rows = estateSenders("t", "T", latest, baseline);
    expect(rows.map((r) => [r.upn, r.status, r.lastBasicAuthAt ?? null])).toEqual([
      ["ok@t", "on-basic-auth", "2026-12-05T10:00:00.000Z"],
      ["bad@t", "failing", "2026-12-05T11:00:00.000Z"],
      ["quiet@t", "idle", null],
      ["gone@t", "moved", "2026-12-05T10:00:00.000Z"],
    ]);
  });

  it("counts no one as moved without a baseline", () => {
    expect(estateSenders("t", "T", report([s("ok@t")]), null).map((r) => r.status)).toEqual(["on-basic-auth"]);
  });
});

describe("the estate's nightly counts", () => {
  const now = new Date("2026-12-06T12:00:00.000Z");
  const count = (day: string, tenantId: string, sending: number): DailyReadinessCount => ({ day, tenantId, runId: day, sending, accounts: sending });
  const store = (counts: DailyReadinessCount[]) => ({ countsOn: async (days: readonly string[]) => counts.filter((c) => days.includes(c.day)) });

  it("sums the tenants in scope per day, a tenant missing a night keeping its last count, days before any count left out", async () => {
    const counts = [count("2026-12-04", "a", 5), count("2026-12-04", "b", 2), count("2026-12-05", "a", 4), count("2026-12-06", "a", 3), count("2026-12-06", "b", 1), count("2026-12-06", "hidden", 100)];
    expect(await dailySending(store(counts), new Set(["a", "b"]), now, 4)).toEqual([
      { day: "2026-12-04", sending: 7, tenants: 2 },
      { day: "2026-12-05", sending: 6, tenants: 2 },
      { day: "2026-12-06", sending: 4, tenants: 2 },
    ]);
  });
});
