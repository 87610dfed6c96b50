import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReadinessHtml } from "../../shared/audit/readiness-html";
import { found, SimAudit } from "../unit/audit/support/sim-audit";
import { storageConnection, stopOwnStorage } from "../unit/audit/support/storage";

let h: SimAudit;
beforeAll(async () => {
  h = await SimAudit.start(await storageConnection());
});
afterAll(async () => {
  await h?.close();
  await stopOwnStorage();
});

const upn = (domain: string, n: number): string => `user${String(n).padStart(6, "0")}@${domain}`;

describe("nightly audit against the simulator: each finding from its cause and nothing else", () => {
  it("finds nothing in a tenant as Microsoft creates it", async () => {
    const { tenantId } = await h.tenant();
    const r = await h.audit(tenantId);
    expect(found(r)).toEqual([]);
    expect(r.results.unknown).toEqual([]);
    expect(r.run.summary?.mailboxes).toBe(5);
  });

  it("reports unapproved-smtp-auth for a mailbox turned on without an exception, and not once it is approved", async () => {
    const { tenantId, domain } = await h.tenant();
    await h.mailbox(tenantId, upn(domain, 2), { smtpClientAuthenticationDisabled: false });
    expect(found(await h.audit(tenantId))).toEqual([`unapproved-smtp-auth ${upn(domain, 2)}`]);
    await h.grant(tenantId, upn(domain, 2));
    expect(found(await h.audit(tenantId))).toEqual([]);
  });

  it("reports org-smtp-auth-enabled when the organisation flag is on", async () => {
    const { tenantId } = await h.tenant({ orgSmtpAuthDisabled: false });
    const r = await h.audit(tenantId);
    expect(found(r)).toEqual(["org-smtp-auth-enabled tenant"]);
    expect(r.results.findings[0]?.detail).toContain("5 mailboxes");
  });

  it("reports no-legacy-auth-protection with security defaults off, until a CA policy blocks legacy auth", async () => {
    const { tenantId } = await h.tenant({ securityDefaults: false });
    expect(found(await h.audit(tenantId))).toEqual(["no-legacy-auth-protection tenant"]);
    await h.control("PUT", `/_sim/tenants/${tenantId}/conditional-access/block-legacy`, {
      displayName: "Block legacy authentication",
      state: "enabled",
      conditions: { clientAppTypes: ["exchangeActiveSync", "other"], users: { includeUsers: ["All"] } },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    expect(found(await h.audit(tenantId))).toEqual([]);
  });

  it("reports privileged-account-weakened for an administrator with SMTP AUTH on, even under an exception", async () => {
    const { tenantId, domain } = await h.tenant();
    const admin = `admin@${domain}`;
    await h.mailbox(tenantId, admin, { smtpClientAuthenticationDisabled: false, roles: ["Global Administrator"] });
    await h.grant(tenantId, admin);
    expect(found(await h.audit(tenantId))).toEqual([`privileged-account-weakened ${admin}`]);
  });

  it("reports expired-exception while SMTP AUTH stays on after the exception lapsed", async () => {
    const { tenantId, domain } = await h.tenant();
    await h.mailbox(tenantId, upn(domain, 3), { smtpClientAuthenticationDisabled: false });
    await h.grant(tenantId, upn(domain, 3), { daysAgo: 200, expiresAt: new Date(Date.now() - 20 * 86_400_000) });
    expect(found(await h.audit(tenantId))).toEqual([`expired-exception ${upn(domain, 3)}`]);
  });

  it("reports reverted-fix to the ticket that asked for the fix when someone turns SMTP AUTH off again", async () => {
    const { tenantId, domain } = await h.tenant();
    const printer = upn(domain, 4);
    await h.mailbox(tenantId, printer, { smtpClientAuthenticationDisabled: true });
    await h.grant(tenantId, printer);
    const r = await h.audit(tenantId);
    expect(found(r)).toEqual([`reverted-fix ${printer}`]);
    expect(r.notifications).toEqual([expect.objectContaining({ kind: "audit-reverted-fix", ticket: { system: "zendesk", id: `Z-${printer}` } })]);
  });

  it("reports reverted-fix when per-user MFA is enforced again on a mailbox whose MFA an exception turned off", async () => {
    const { tenantId, domain } = await h.tenant();
    const scanner = upn(domain, 3);
    await h.mailbox(tenantId, scanner, { perUserMfaState: "disabled" });
    await h.grant(tenantId, scanner, { setting: "per-user-mfa", valueApplied: "disabled" });
    expect(found(await h.audit(tenantId))).toEqual([]);
    await h.mailbox(tenantId, scanner, { perUserMfaState: "enforced" });
    expect(found(await h.audit(tenantId))).toEqual([`reverted-fix ${scanner}`]);
  });

  it("reports a fixed sender re-blocked by Microsoft's managed legacy-auth block, naming who switched it on from the directory audit log", async () => {
    const { tenantId, domain } = await h.tenant({ securityDefaults: false });
    const printer = upn(domain, 2);
    await h.mailbox(tenantId, printer, { smtpClientAuthenticationDisabled: false });
    await h.grant(tenantId, printer);
    const managed = (state: string, modifiedDateTime?: string) =>
      h.control("PUT", `/_sim/tenants/${tenantId}/conditional-access/mm-block`, { microsoftManaged: "block-legacy-authentication", state, createdDateTime: new Date(Date.now() - 50 * 86_400_000).toISOString(), ...(modifiedDateTime ? { modifiedDateTime } : {}) });
    await managed("enabledForReportingButNotEnforced");
    // Reporting only, it protects nothing and blocks nobody yet.
    expect(found(await h.audit(tenantId))).toEqual(["no-legacy-auth-protection tenant"]);
    await managed("enabled", new Date(Date.now() - 2 * 86_400_000).toISOString());
    const r = await h.audit(tenantId);
    expect(found(r)).toEqual([`reblocked-by-microsoft-policy ${printer}`]);
    expect(r.results.findings[0]?.detail).toMatch(/Re-blocked by a Microsoft-managed policy: "Block legacy authentication" \(mm-block\).*switched on by Microsoft Managed Policy Manager/);
  });

  it("names who turned security defaults back on under a security-defaults exception, from the directory audit log", async () => {
    const { tenantId } = await h.tenant({ securityDefaults: false });
    await h.grant(tenantId, "tenant", { setting: "security-defaults", valueApplied: "false" });
    await h.patchTenant(tenantId, { securityDefaults: true, changedBy: "helpdesk.admin@contoso.example" });
    const r = await h.audit(tenantId);
    expect(found(r)).toEqual(["reverted-fix tenant"]);
    expect(r.results.findings[0]?.detail).toContain("Security defaults: switched on by helpdesk.admin@contoso.example");
  });

  it("reports stale-exception when sign-in logs show no SMTP AUTH use for 30 days, and not once the device signs in", async () => {
    const { tenantId, domain } = await h.tenant();
    const printer = upn(domain, 5);
    await h.mailbox(tenantId, printer, { smtpClientAuthenticationDisabled: false });
    await h.grant(tenantId, printer, { daysAgo: 45 });
    expect(found(await h.audit(tenantId))).toEqual([`stale-exception ${printer}`]);
    await h.control("POST", `/_sim/tenants/${tenantId}/sign-ins`, { userPrincipalName: printer, createdDateTime: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    expect(found(await h.audit(tenantId))).toEqual([]);
    await h.patchTenant(tenantId, { signInLogs: false });
    await h.control("DELETE", `/_sim/tenants/${tenantId}/sign-ins`);
    expect(found(await h.audit(tenantId))).toEqual([]);
  });
});

describe("nightly audit against the simulator: unknown, notifications and auto-revert", () => {
  it("turns a failed mailbox listing into unknown, neither a finding nor a cleared one, and notifies nothing twice", async () => {
    const { tenantId, domain } = await h.tenant();
    await h.mailbox(tenantId, upn(domain, 1), { smtpClientAuthenticationDisabled: false });
    const first = await h.audit(tenantId);
    expect(first.notifications).toHaveLength(1);

    await h.patchTenant(tenantId, { deniedPermissions: ["Get-CASMailbox"] });
    const blind = await h.audit(tenantId);
    expect(found(blind)).toEqual([]);
    expect(blind.results.unknown.map((u) => `${u.type} ${u.subject}`)).toContain("unapproved-smtp-auth *");
    expect(blind.results.unknown.find((u) => u.subject === "*")?.reason).toMatch(/listing CAS mailboxes failed/);
    expect(blind.results.carried.map((f) => f.subject)).toEqual([upn(domain, 1)]);
    expect(blind.notifications).toEqual([]);

    await h.patchTenant(tenantId, { deniedPermissions: [] });
    const again = await h.audit(tenantId);
    expect(found(again)).toEqual([`unapproved-smtp-auth ${upn(domain, 1)}`]);
    expect(again.notifications).toEqual([]);
    expect(again.results.findings[0]?.firstSeen).toBe(first.results.findings[0]?.firstSeen);
  });

  it("re-disables SMTP AUTH whose exception expired when the tenant's policy asks, and records it", async () => {
    const { tenantId, domain } = await h.tenant();
    const printer = upn(domain, 2);
    await h.mailbox(tenantId, printer, { smtpClientAuthenticationDisabled: false });
    await h.grant(tenantId, printer, { daysAgo: 200, expiresAt: new Date(Date.now() - 86_400_000) });
    const r = await h.audit(tenantId, { autoRevertExpired: true });
    expect(found(r)).toEqual([`expired-exception ${printer}`]);
    expect(r.run.summary?.autoReverted).toBe(1);
    expect(h.events.filter((e) => e.tenantId === tenantId).map((e) => e.type)).toEqual(["exception-auto-reverted"]);
    const state = await h.control<{ smtpClientAuthenticationDisabled: boolean | null }>("GET", `/_sim/tenants/${tenantId}/mailboxes/${printer}`);
    expect(state.smtpClientAuthenticationDisabled).toBe(true);
    expect(found(await h.audit(tenantId, { autoRevertExpired: true }))).toEqual([]);
  });

  it("leaves an expired exception alone when the tenant's policy does not ask for auto-revert", async () => {
    const { tenantId, domain } = await h.tenant();
    const printer = upn(domain, 2);
    await h.mailbox(tenantId, printer, { smtpClientAuthenticationDisabled: false });
    await h.grant(tenantId, printer, { daysAgo: 200, expiresAt: new Date(Date.now() - 86_400_000) });
    await h.audit(tenantId);
    const state = await h.control<{ smtpClientAuthenticationDisabled: boolean | null }>("GET", `/_sim/tenants/${tenantId}/mailboxes/${printer}`);
    expect(state.smtpClientAuthenticationDisabled).toBe(false);
  });
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
    // The run keeps the report in counts, for the console and the cross-tenant overview.
    expect(run.run.summary?.readiness).toEqual({
      accounts: 5,
      sending: 4,
      byPath: { oauth: 1, "relay-connector": 2, "high-volume-email": 0, "graph-sendmail": 1, retire: 1 },
      privileged: 1,
      privilegeUnknown: 0,
    });

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
    expect(run.run.summary?.readiness).toMatchObject({ accounts: 0, sending: 0, unavailable: expect.stringContaining("Entra ID P1") });
  });
});
