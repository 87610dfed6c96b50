import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditRunStore } from "../../../shared/audit/audit-run-store";
import type { AuditNotification, AuditedTenant } from "../../../shared/audit/audit-ports";
import { createAuditService } from "../../../shared/audit/audit-service";
import type { AuditService } from "../../../shared/audit/audit-service";
import { ExceptionRegister } from "../../../shared/audit/exception-register";
import type { MessageQueue, SendOptions } from "../../../shared/queue/message-queue";
import { fakeGateways, fakeTenant } from "./support/fake-gateways";
import type { FakeTenant } from "./support/fake-gateways";
import { storageConnection, stopOwnStorage, uniqueTenantId } from "./support/storage";

const sent: Array<{ queue: string; body: unknown; options: SendOptions }> = [];
const notes: AuditNotification[] = [];
const queue: MessageQueue = { send: async (q, body, options) => void sent.push({ queue: q, body, options }), close: async () => {} };
const tenants = new Map<string, AuditedTenant>();
const m365 = new Map<string, FakeTenant>();
let clock = new Date("2025-06-01T02:00:00.000Z");
let service: AuditService;
let exceptions: ExceptionRegister;

beforeAll(async () => {
  const storage = await storageConnection();
  exceptions = await ExceptionRegister.open(storage);
  service = createAuditService({
    gateways: { forTenant: (id) => fakeGateways(id, m365.get(id) ?? fakeTenant([])) },
    queue,
    tenants: { list: async () => [...tenants.values()], get: async (id) => tenants.get(id) ?? null },
    exceptions,
    runs: await AuditRunStore.open(storage),
    enqueueNote: async (n) => void notes.push(n),
    recordEvent: async () => {},
    clock: () => clock,
  });
});
afterAll(stopOwnStorage);

function onboard(mailboxes: Array<[string, boolean | null]>): string {
  const tenantId = uniqueTenantId();
  tenants.set(tenantId, { tenantId, domains: ["x.com"], policy: { locale: "bg" } });
  m365.set(tenantId, fakeTenant(mailboxes));
  return tenantId;
}

describe("AuditService", () => {
  it("queues one audit message per onboarded tenant, with message ids stable for the tick", async () => {
    const ids = [onboard([]), onboard([])];
    const before = sent.length;
    const { runId, tenants: count } = await service.scheduleAll();
    expect(runId).toBe("20250601T020000Z");
    const queued = sent.slice(before);
    expect(queued).toHaveLength(count);
    expect(queued.map((m) => m.options.messageId)).toEqual(expect.arrayContaining(ids.map((id) => `audit:${runId}:${id}`)));
    expect(queued.find((m) => m.options.messageId === `audit:${runId}:${ids[0]}`)).toMatchObject({ queue: "tenant-audits", body: { tenantId: ids[0], runId, requestedAt: clock.toISOString() } });
  });

  it("audits the tenant a message names and serves the run as the latest report", async () => {
    const tenantId = onboard([["printer@x.com", false], ["a@x.com", null]]);
    const result = await service.auditTenant({ tenantId, runId: "r1", requestedAt: clock.toISOString() });
    expect(result?.results.findings.map((f) => f.type)).toEqual(["unapproved-smtp-auth"]);
    expect(notes.at(-1)).toMatchObject({ kind: "audit-new-findings", tenantId, locale: "bg", totalNew: 1 });
    const report = await service.latestReport(tenantId);
    expect(report).toMatchObject({ tenantId, runId: "r1", summary: { findings: 1, mailboxes: 2, smtpAuthOn: 1 } });
    expect(report.trend).toHaveLength(1);
  });

  it("answers a message for a tenant no longer onboarded with null, and rejects a malformed one", async () => {
    expect(await service.auditTenant({ tenantId: "gone", runId: "r1", requestedAt: clock.toISOString() })).toBeNull();
    await expect(service.auditTenant({ tenantId: "x" })).rejects.toThrow();
  });

  it("summarises every onboarded tenant's latest audit side by side, a tenant never audited included", async () => {
    const audited = onboard([["scanner@x.com", false]]);
    const never = onboard([]);
    await service.auditTenant({ tenantId: audited, runId: "r1", requestedAt: clock.toISOString() });
    await service.auditTenant({ tenantId: audited, runId: "r2", requestedAt: new Date(clock.getTime() + 86_400_000).toISOString() });
    const overview = await service.overview();
    const line = overview.tenants.find((t) => t.tenantId === audited);
    expect(line).toMatchObject({ latest: { runId: "r2", summary: { findings: 1, bySeverity: { high: 1 } } } });
    expect(line?.trend.map((p) => p.runId)).toEqual(["r1", "r2"]);
    expect(overview.tenants.find((t) => t.tenantId === never)).toEqual({ tenantId: never, latest: null, trend: [] });
    expect(overview.totals.tenants).toBe(tenants.size);
    expect(overview.totals.audited).toBe(overview.tenants.filter((t) => t.latest).length);
    expect(overview.totals.findings).toBe(overview.tenants.reduce((n, t) => n + (t.latest?.summary.findings ?? 0), 0));
  });

  it("answers 404 codes for an unknown tenant and for a tenant never audited", async () => {
    await expect(service.latestReport("nope")).rejects.toMatchObject({ code: "TENANT_NOT_FOUND", status: 404 });
    await expect(service.listExceptions("nope")).rejects.toMatchObject({ code: "TENANT_NOT_FOUND" });
    await expect(service.latestReport(onboard([]))).rejects.toMatchObject({ code: "AUDIT_NOT_FOUND", status: 404 });
  });

  it("lists a tenant's exceptions with their status at the time of asking", async () => {
    const tenantId = onboard([]);
    await exceptions.record({ tenantId, subject: "p@x.com", setting: "mailbox-smtp-auth", valueApplied: "false", requestId: "r-live", grantedAt: clock, expiresAt: new Date("2025-12-01T00:00:00Z") });
    await exceptions.record({ tenantId, subject: "q@x.com", setting: "mailbox-smtp-auth", valueApplied: "false", requestId: "r-old", grantedAt: new Date("2024-01-01T00:00:00Z"), expiresAt: new Date("2024-07-01T00:00:00Z") });
    const view = await service.listExceptions(tenantId);
    expect(view.exceptions.map((e) => `${e.requestId} ${e.status}`)).toEqual(["r-old expired", "r-live active"]);
  });
});

describe("AuditService across nights", () => {
  it("notifies a finding the night it appears, not on the nights after, and again once it returns after a fix", async () => {
    const tenantId = onboard([["printer@x.com", false]]);
    const night = async (n: number): Promise<AuditNotification[]> => {
      clock = new Date(Date.UTC(2025, 5, n, 2));
      const r = await service.auditTenant({ tenantId, runId: `n${n}`, requestedAt: clock.toISOString() });
      return r?.notifications ?? [];
    };
    expect(await night(2)).toHaveLength(1);
    expect(await night(3)).toEqual([]);
    const mailbox = m365.get(tenantId)?.mailboxes[0];
    if (mailbox) mailbox.smtpClientAuthenticationDisabled = true;
    expect(await night(4)).toEqual([]);
    if (mailbox) mailbox.smtpClientAuthenticationDisabled = false;
    expect(await night(5)).toHaveLength(1);
  });

  it("keeps a finding's first sighting through a night its layer could not be read", async () => {
    const tenantId = onboard([["printer@x.com", false]]);
    const t = m365.get(tenantId);
    const audit = (runId: string, day: number) => {
      clock = new Date(Date.UTC(2025, 6, day, 2));
      return service.auditTenant({ tenantId, runId, requestedAt: clock.toISOString() });
    };
    const first = await audit("a", 1);
    t?.failing.add("exchange.listCasMailboxes");
    const blind = await audit("b", 2);
    expect(blind?.results.findings).toEqual([]);
    expect(blind?.run.summary?.unknown).toBeGreaterThan(0);
    t?.failing.clear();
    const back = await audit("c", 3);
    expect(back?.notifications).toEqual([]);
    expect(back?.results.findings[0]?.firstSeen).toBe(first?.results.findings[0]?.firstSeen);
  });
});
