import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

const WRITE = /^(PATCH |InvokeCommand Set-)/;
const SMTP_OFF_TEXT = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.";
const GROUP = "aaaaaaaa-1111-4000-a000-0000000000e1";
const PIM_GROUP = "aaaaaaaa-1111-4000-a000-0000000000e2";
/** A standing policy that lets every step run on its own: only the privilege guard can stop one. */
const EVERY_STEP = ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"];

/**
 * Issue 11's "Done when", through the host: in a tenant whose policy lets every step run on its own,
 * no administrator is weakened however Microsoft 365 hides the admin power, and an ordinary user is.
 */
describe("administrators are never weakened, however Microsoft 365 hides their power", () => {
  let stack: LocalStack;
  const tenantId = "admin-guard";
  const domain = `${tenantId}.example`;
  const upn = (name: string) => `${name}@${domain}`;

  async function remediate(name: string): Promise<{ done: any; writes: string[] }> {
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn(name), errorText: SMTP_OFF_TEXT } });
    expect(created.status).toBe(202);
    const done = await waitForTerminal(stack, created.body.id, 60_000);
    const log = (await stack.simApi(`/_sim/calls?log=1&tenantId=${tenantId}`)).body.log as Array<{ operation: string }>;
    return { done, writes: log.map((c) => c.operation).filter((op) => WRITE.test(op)) };
  }

  const mailbox = (name: string, body: object) =>
    stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn(name)}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true, ...body } });

  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
    await mailbox("ga-hidden", { roles: ["Global Administrator"] });
    await mailbox("ga-eligible", { eligibleRoles: ["Global Administrator"] });
    await mailbox("exchange-via-group", {});
    await mailbox("ga-flag-only", { roles: ["Global Administrator"], perUserMfaState: "disabled" });
    await mailbox("printer", {});
    await mailbox("cloud-device-admin", { roles: ["Cloud Device Administrator"] });
    await stack.simApi(`/_sim/tenants/${tenantId}/groups/${GROUP}`, { method: "PUT", body: { displayName: "Mail Admins", isAssignableToRole: true, roles: ["Exchange Administrator"], members: [upn("exchange-via-group")] } });
    await mailbox("ga-via-pim-group", {});
    await stack.simApi(`/_sim/tenants/${tenantId}/groups/${PIM_GROUP}`, { method: "PUT", body: { displayName: "PIM Admins", isAssignableToRole: true, roles: ["Global Administrator"], eligibleMembers: [upn("ga-via-pim-group")] } });
    await mailbox("exchange-org-admin", {});
    await stack.simApi(`/_sim/tenants/${tenantId}/role-groups/${encodeURIComponent("Organization Management")}`, { method: "PUT", body: { roles: ["Organization Configuration", "Mail Recipients"], members: [upn("exchange-org-admin")] } });
    const onboard = await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { allowTenantWideChanges: true, autoApprove: EVERY_STEP, deviceAccounts: [`*@${domain}`] } } });
    expect(onboard.status).toBeLessThan(300);
    // Onboarded (its domains checked); from now on Directory.Read.All is denied, so transitiveMemberOf
    // answers with nameless, id-only objects.
    await stack.simApi(`/_sim/tenants/${tenantId}`, { method: "PATCH", body: { deniedPermissions: ["Directory.Read.All"] } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it.each([
    ["a Global Administrator whose role objects come back without names", "ga-hidden", /Global Administrator/],
    ["a PIM-eligible Global Administrator", "ga-eligible", /Global Administrator \(eligible\)/],
    // Directory.Read.All is denied here, so the group comes back nameless: it is named by its id.
    ["an Exchange Administrator through a role-assignable group", "exchange-via-group", new RegExp(`Exchange Administrator \\(through group ${GROUP}\\)`)],
    // PIM for Groups: not a member yet, one activation from the group's Global Administrator role.
    ["a user PIM-eligible to join a group that holds Global Administrator", "ga-via-pim-group", new RegExp(`Global Administrator \\(eligible, through group ${PIM_GROUP}\\)`)],
    // No Entra role at all: Exchange's own RBAC lets an Organization Management member change any mailbox.
    ["an Organization Management member in Exchange, with no Entra role", "exchange-org-admin", /Organization Management \(Exchange role group\)/],
    ["a Global Administrator who needs only the mailbox flag", "ga-flag-only", /Global Administrator/],
    // Not on any list of admin roles the product ever had, and Graph v1.0 sends no isPrivileged: deny by default.
    ["a Cloud Device Administrator, a built-in role outside the allow-list of readers", "cloud-device-admin", /Cloud Device Administrator/],
  ])("%s: nothing is weakened, needs-attention says why", async (_what, name, why) => {
    const { done, writes } = await remediate(name);
    expect(done.status).toBe("needs-attention");
    expect(writes).toEqual([]);
    expect(done.attention.reason).toMatch(why);
    expect(done.attention.reason).toMatch(/administrator's sign-in is never weakened/);
    const mailboxNow = (await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn(name)}`)).body;
    expect(mailboxNow.smtpClientAuthenticationDisabled).toBe(true);
  });

  it("an ordinary user in the same tenant is still fixed: SMTP AUTH on, per-user MFA off", async () => {
    const { done, writes } = await remediate("printer");
    expect(done.status).toBe("succeeded");
    expect(writes.sort()).toEqual(["InvokeCommand Set-CASMailbox", "PATCH /beta/users/{id}/authentication/requirements"]);
  });

  it("refuses every weakening, naming the permission, when the app cannot read roles at all", async () => {
    await stack.simApi(`/_sim/tenants/${tenantId}`, { method: "PATCH", body: { deniedPermissions: ["Directory.Read.All", "RoleManagement.Read.Directory"] } });
    await mailbox("scanner", {});
    try {
      const { done, writes } = await remediate("scanner");
      expect(done.status).toBe("needs-attention");
      expect(writes).toEqual([]);
      expect(done.attention.reason).toMatch(/cannot be ruled out that the user is an administrator/);
      expect(done.attention.reason).toMatch(/grant the app RoleManagement\.Read\.Directory/);
    } finally {
      await stack.simApi(`/_sim/tenants/${tenantId}`, { method: "PATCH", body: { deniedPermissions: ["Directory.Read.All"] } });
    }
  });

  it("the nightly audit reports eligible, group-assigned, PIM-for-Groups and Exchange role-group admins with SMTP AUTH on as privileged-account-weakened", async () => {
    for (const name of ["ga-eligible", "exchange-via-group", "ga-via-pim-group", "exchange-org-admin"]) await mailbox(name, { smtpClientAuthenticationDisabled: false });
    const started = await stack.adminApi("/admin/functions/nightlyAudit", { method: "POST", body: { input: "" } });
    expect(started.status).toBe(202);
    let report: any;
    let last: any;
    for (const deadline = Date.now() + 45_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      last = await stack.api(`/api/audits/${tenantId}/latest`);
      if (last.status === 200 && last.body.completedAt) {
        report = last.body;
        break;
      }
    }
    expect(report, `no audit report (${JSON.stringify(last?.body).slice(0, 500)}); host output:\n${stack.host.output().slice(-3000)}`).toBeDefined();
    const weakened = report.findings.filter((f: any) => f.type === "privileged-account-weakened");
    expect(weakened.map((f: any) => f.subject).sort()).toEqual([upn("exchange-org-admin"), upn("exchange-via-group"), upn("ga-eligible"), upn("ga-via-pim-group")]);
    expect(weakened.find((f: any) => f.subject === upn("ga-via-pim-group")).detail).toMatch(/Global Administrator \(eligible, through group PIM Admins\)/);
    expect(weakened.find((f: any) => f.subject === upn("exchange-org-admin")).detail).toMatch(/Organization Management \(Exchange role group\)/);
    expect(weakened.find((f: any) => f.subject === upn("ga-eligible")).detail).toMatch(/Global Administrator \(eligible\)/);
    expect(weakened.find((f: any) => f.subject === upn("exchange-via-group")).detail).toMatch(/Exchange Administrator \(through group Mail Admins\)/);
  }, 60_000);
});
