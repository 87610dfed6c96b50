import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
