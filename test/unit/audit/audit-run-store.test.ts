import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarize } from "../../../shared/audit/audit-run";
import type { AuditRunRecord } from "../../../shared/audit/audit-run";
import { AuditRunStore } from "../../../shared/audit/audit-run-store";
import type { Finding } from "../../../shared/audit/finding";
import { storageConnection, stopOwnStorage, uniqueTenantId } from "./support/storage";

let store: AuditRunStore;
beforeAll(async () => {
  store = await AuditRunStore.open(await storageConnection());
});
afterAll(stopOwnStorage);

const finding = (subject: string): Finding => ({ type: "unapproved-smtp-auth", subject, severity: "high", detail: "on", firstSeen: "2025-06-01T02:00:00.000Z" });

function run(tenantId: string, runId: string, requestedAt: string, status: AuditRunRecord["status"] = "completed"): AuditRunRecord {
  const summary = summarize({ findings: [finding("a@x.com")], carried: [], unknown: [] }, { newFindings: 1, mailboxes: 10, smtpAuthOn: 1, activeExceptions: 0, autoReverted: 0 });
  return { tenantId, runId, requestedAt, startedAt: requestedAt, status, ...(status === "completed" ? { completedAt: requestedAt, summary } : {}) };
}

describe("AuditRunStore", () => {
  it("returns the latest completed run first, skipping runs still running and the one excluded", async () => {
    const tenantId = uniqueTenantId();
    await store.saveRun(run(tenantId, "r1", "2025-06-01T02:00:00.000Z"));
    await store.saveRun(run(tenantId, "r3", "2025-06-03T02:00:00.000Z", "running"));
    await store.saveRun(run(tenantId, "r2", "2025-06-02T02:00:00.000Z"));
    expect((await store.latestRun(tenantId))?.runId).toBe("r2");
    expect((await store.latestRun(tenantId, { excludeRunId: "r2" }))?.runId).toBe("r1");
    expect((await store.recentRuns(tenantId, 10)).map((r) => r.runId)).toEqual(["r2", "r1"]);
    expect((await store.latestRun(tenantId))?.summary?.byType["unapproved-smtp-auth"]).toBe(1);
  });

  it("stores more findings than one transaction takes, and a rerun replaces them rather than adding", async () => {
    const tenantId = uniqueTenantId();
    const many = Array.from({ length: 250 }, (_, i) => finding(`m${i}@x.com`));
    await store.saveResults(tenantId, "r1", { findings: many, carried: [finding("old@x.com")], unknown: [{ type: "reverted-fix", subject: "s@x.com", reason: "read failed" }] });
    const first = await store.loadResults(tenantId, "r1");
    expect(first.findings).toHaveLength(250);
    expect(first.carried.map((f) => f.subject)).toEqual(["old@x.com"]);
    expect(first.unknown).toEqual([{ type: "reverted-fix", subject: "s@x.com", reason: "read failed" }]);

    await store.saveResults(tenantId, "r1", { findings: many.slice(0, 3), carried: [], unknown: [] });
    const rerun = await store.loadResults(tenantId, "r1");
    expect(rerun.findings).toHaveLength(3);
    expect(rerun.carried).toEqual([]);
    expect(rerun.unknown).toEqual([]);
  });
});
