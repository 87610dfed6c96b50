import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { APP_PERMISSIONS } from "../../shared/m365/permission-manifest";

/**
 * A tenant whose consent lacks a permission, through the local host: the HTTP answers name the
 * permission, nothing answers 500, and the tenant is not weakened.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
}, 90_000);
afterAll(async () => stack?.stop());

const without = (...removed: string[]) => APP_PERMISSIONS.filter((p) => !removed.includes(p));
const grant = (tenantId: string, grantedPermissions: string[]) => stack.simApi(`/_sim/tenants/${tenantId}`, { method: "PATCH", body: { grantedPermissions } });

/** Runs the nightly audit now (the host's admin route; one place to adapt if that route changes). */
function startNightlyAudit(): Promise<{ status: number }> {
  return stack.adminApi("/admin/functions/nightlyAudit", { method: "POST", body: { input: "" } });
}

async function latestAudit(tenantId: string): Promise<any> {
  for (const deadline = Date.now() + 45_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    const last = await stack.api(`/api/audits/${tenantId}/latest`);
    if (last.status === 200 && last.body.completedAt) return last.body;
  }
  throw new Error(`no audit report for ${tenantId}; host output:\n${stack.host.output().slice(-3000)}`);
}

async function tenant(tenantId: string, body: Record<string, unknown> = {}): Promise<{ domain: string; upn: string }> {
  const domain = `${tenantId}.example`;
  await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, ...body } });
  return { domain, upn: `scanner@${domain}` };
}

describe("a consent that lacks a permission, through the HTTP API", () => {
  it("onboarding without Organization.Read.All (nor Directory.Read.All) answers 409 CONSENT_INCOMPLETE naming Organization.Read.All and keeps the tenant unreadable; with the app's consent it is verified", async () => {
    const { domain } = await tenant("perm-onboard", { grantedPermissions: without("Organization.Read.All") });
    const put = await stack.api("/api/tenants/perm-onboard", { method: "PUT", body: { domains: [domain] } });
    expect(put).toMatchObject({ status: 409, body: { error: { code: "CONSENT_INCOMPLETE", message: expect.stringContaining("Organization.Read.All") } } });
    const kept = (await stack.api("/api/tenants")).body.tenants.find((t: { tenantId: string }) => t.tenantId === "perm-onboard");
    expect(kept.verification).toMatchObject({ status: "unreadable", missingPermission: "Organization.Read.All", reason: expect.stringContaining("the app needs the Organization.Read.All permission") });
    const refused = await stack.api("/api/remediations", { method: "POST", body: { mailbox: `printer@${domain}` } });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "TENANT_NOT_VERIFIED", message: expect.stringContaining("Organization.Read.All") } } });
    await grant("perm-onboard", [...APP_PERMISSIONS]);
    const again = await stack.api("/api/tenants/perm-onboard", { method: "PUT", body: { domains: [domain] } });
    expect(again).toMatchObject({ status: 200, body: { verification: { status: "verified" } } });
  });

  it("a remediation whose write the app may not make fails at once naming Policy.ReadWrite.AuthenticationMethod, and per-user MFA stays on", async () => {
    const { domain, upn } = await tenant("perm-mfa", { securityDefaults: false });
    await stack.simApi(`/_sim/tenants/perm-mfa/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: false, perUserMfaState: "enforced", licensed: true } });
    await stack.api("/api/tenants/perm-mfa", { method: "PUT", body: { domains: [domain], policy: { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: [`scanner*@${domain}`] } } });
    await grant("perm-mfa", without("Policy.ReadWrite.AuthenticationMethod"));
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, errorText: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Per-user MFA is enforced." } });
    expect(created.status).toBe(202);
    const done = await waitForTerminal(stack, created.body.id, 60_000);
    expect(done.status).toBe("failed");
    expect(done.reason).toContain("Policy.ReadWrite.AuthenticationMethod");
    expect((await stack.simApi(`/_sim/tenants/perm-mfa/mailboxes/${upn}`)).body.perUserMfaState).toBe("enforced");
  });

  it("the audit without Exchange.ManageAsApp reports what it could not check, naming the permission, and changes nothing", async () => {
    const { domain, upn } = await tenant("perm-audit");
    await stack.simApi(`/_sim/tenants/perm-audit/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: false } });
    await stack.api("/api/tenants/perm-audit", { method: "PUT", body: { domains: [domain] } });
    await grant("perm-audit", without("Exchange.ManageAsApp"));
    expect((await startNightlyAudit()).status).toBe(202);
    const report = await latestAudit("perm-audit");
    expect(report.unknown.length).toBeGreaterThan(0);
    expect(report.unknown.map((u: any) => u.reason).join("\n")).toContain("Exchange.ManageAsApp");
    expect((await stack.simApi(`/_sim/tenants/perm-audit/mailboxes/${upn}`)).body.smtpClientAuthenticationDisabled).toBe(false);
  }, 60_000);
});
