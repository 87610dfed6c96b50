import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReadinessHtml } from "../../shared/audit/readiness-html";
import { SimAudit } from "../unit/audit/support/sim-audit";
import { storageConnection, stopOwnStorage } from "../unit/audit/support/storage";

let h: SimAudit;
beforeAll(async () => {
  h = await SimAudit.start(await storageConnection());
});
afterAll(async () => {
  await h?.close();
  await stopOwnStorage();
});

/** A device signing in with basic auth, as a scanner would. */
async function signIn(user: string, pass: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: h.sim.smtpPort, secure: false, requireTLS: true, tls: { ca: readFileSync(h.sim.caCertPath) }, auth: { user, pass } });
  await transport.verify().catch(() => undefined);
  transport.close();
}

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

describe("readiness report from the nightly audit's own sign-in read", () => {
  it("lists every basic-auth SMTP sender with last success, last failure and cause, addresses and a path with its reason", async () => {
    const { tenantId, domain } = await h.tenant({ securityDefaults: false, orgSmtpAuthDisabled: false });
    const [scanner, app, copier, idle, admin] = ["scanner", "crm-app", "copier", "old-fax", "admin"].map((n) => `${n}@${domain}`) as [string, string, string, string, string];
    for (const upn of [scanner, app, copier, admin]) await h.mailbox(tenantId, upn, { password: "Pa55-word!", licensed: true });
    await h.mailbox(tenantId, idle, { smtpClientAuthenticationDisabled: false });
    await h.mailbox(tenantId, admin, { roles: ["Global Administrator"] });
    await h.grant(tenantId, idle);
    await signIn(scanner, "Pa55-word!");
    await signIn(scanner, "wrong");
    await signIn(admin, "Pa55-word!");
    await h.control("POST", `/_sim/tenants/${tenantId}/sign-ins`, [
      { userPrincipalName: app, createdDateTime: daysAgo(2), ipAddress: "198.51.100.10" },
      { userPrincipalName: app, createdDateTime: daysAgo(1), ipAddress: "198.51.100.11" },
      { userPrincipalName: copier, createdDateTime: daysAgo(3), ipAddress: "203.0.113.5" },
      { userPrincipalName: copier, createdDateTime: daysAgo(4), ipAddress: "203.0.113.6", errorCode: 53003 },
      { userPrincipalName: copier, createdDateTime: daysAgo(40), ipAddress: "192.0.2.1" },
    ]);
    await h.control("DELETE", "/_sim/calls");
    const run = await h.audit(tenantId);
    const report = await h.runs.loadReadiness(tenantId, run.run.runId);
    expect(report).toMatchObject({ tenantId, retirement: { defaultOffAt: "2026-12-31" }, windowDays: 30 });
    expect(report?.unavailable).toBeUndefined();
    const by = new Map(report!.senders.map((s) => [s.upn, s]));
    expect([...by.keys()].sort()).toEqual([admin, app, copier, idle, scanner].sort());

    expect(by.get(scanner)).toMatchObject({ signIns: 2, ipAddresses: ["127.0.0.1"], lastFailureCause: "wrong-credentials", lastFailureCode: 50126, privileged: false, path: "relay-connector" });
    expect(by.get(scanner)?.lastSuccessAt).toBeDefined();
    expect(by.get(app)).toMatchObject({ signIns: 2, ipAddresses: ["198.51.100.10", "198.51.100.11"], path: "graph-sendmail" });
    expect(by.get(copier)).toMatchObject({ signIns: 2, lastFailureCause: "conditional-access-blocks-legacy-auth", ipAddresses: ["203.0.113.5", "203.0.113.6"], path: "oauth" });
    expect(by.get(idle)).toMatchObject({ signIns: 0, path: "retire", exception: { ticket: { system: "zendesk" } } });
    expect(by.get(admin)).toMatchObject({ privileged: true });
    for (const s of report!.senders) expect(s.why.length).toBeGreaterThan(20);

    // No read of its own: the audit's calls are the same as without readiness (one sign-in query).
    const calls = await h.control<{ byOperation: Record<string, number> }>("GET", "/_sim/calls");
    expect(calls.byOperation["GET /v1.0/auditLogs/signIns"]).toBe(1);

    const html = renderReadinessHtml(report!);
    expect(html).toContain("<svg");
    expect(html).toContain(`${scanner}`);
    expect(html).not.toContain("<script");
  });

  it("says why it is unavailable for a tenant without sign-in logs, instead of listing nobody", async () => {
    const { tenantId } = await h.tenant({ signInLogs: false });
    const run = await h.audit(tenantId);
    const report = await h.runs.loadReadiness(tenantId, run.run.runId);
    expect(report).toMatchObject({ senders: [], unavailable: expect.stringContaining("Entra ID P1") });
  });
});
