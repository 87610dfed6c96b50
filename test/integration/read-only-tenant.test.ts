import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { EXCHANGE_READ_CMDLETS } from "../../shared/m365/exchange-role";

const TENANT = "readonly-e2e";
const DOMAIN = "readonly-e2e.example";
const PRINTER = `printer@${DOMAIN}`;

/**
 * A tenant whose admin granted the reads only: no Graph write permissions, and the Exchange role group
 * without Set-CASMailbox (grant-app-role-group.ps1 -ReadOnly). Onboarded with "access": "read-only".
 */
describe("a tenant onboarded read-only, through the local host", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.simApi("/_sim/tenants", {
      method: "POST",
      body: {
        tenantId: TENANT,
        domain: DOMAIN,
        mailboxes: 3,
        securityDefaults: false,
        orgSmtpAuthDisabled: true,
        deniedPermissions: ["Policy.ReadWrite.SecurityDefaults", "Policy.ReadWrite.AuthenticationMethod"],
        exchangeRoleCmdlets: [...EXCHANGE_READ_CMDLETS],
      },
    });
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${PRINTER}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("onboards it read-only, shows that, and refuses an unknown access value", async () => {
    const bad = await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], access: "write-some" } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    const res = await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], access: "read-only" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tenantId: TENANT, access: "read-only" });
    const list = await stack.api("/api/tenants");
    expect(list.body.tenants.find((t: { tenantId: string }) => t.tenantId === TENANT)).toMatchObject({ access: "read-only" });
  });

  it("diagnoses and plans a remediation, ends it planned with the reason, and writes nothing", async () => {
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const accepted = await stack.api("/api/remediations", {
      method: "POST",
      body: { mailbox: PRINTER, errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." },
    });
    expect(accepted.status).toBe(202);
    const done = await waitForTerminal(stack, accepted.body.id);
    expect(done.status).toBe("planned");
    expect(done.reason).toContain("onboarded read-only");
    const confirmed = done.diagnosis.causes.filter((c: { verdict: string }) => c.verdict === "confirmed").map((c: { id: string }) => c.id);
    expect(confirmed).toEqual(expect.arrayContaining(["smtp-auth-disabled-mailbox", "per-user-mfa-enforced"]));
    const steps = Object.fromEntries(done.steps.map((s: { name: string; status: string }) => [s.name, s.status]));
    expect(steps).toMatchObject({ "enable-mailbox-smtp-auth": "pending", "disable-per-user-mfa": "pending" });

    const mailbox = (await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${PRINTER}`)).body;
    expect(mailbox).toMatchObject({ smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" });
    const log = (await stack.simApi(`/_sim/calls?log=1&tenantId=${TENANT}`)).body.log as Array<{ operation: string }>;
    expect(log.length).toBeGreaterThan(3);
    expect(log.filter((c) => /Set-|PATCH|POST \/beta\/users|PUT/.test(c.operation))).toEqual([]);
  });

  it("still audits the tenant", async () => {
    const started = await stack.adminApi("/admin/functions/nightlyAudit", { method: "POST", body: { input: "" } });
    expect(started.status).toBe(202);
    const deadline = Date.now() + 25_000;
    let report: { status: number; body: any } | undefined;
    while (Date.now() < deadline) {
      report = await stack.api(`/api/audits/${TENANT}/latest`);
      if (report.status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(report?.status).toBe(200);
    expect(report?.body.tenantId).toBe(TENANT);
    // Security defaults off and nothing blocks legacy authentication: the audit reads it and says so.
    expect(report?.body.findings.map((f: { type: string }) => f.type)).toContain("no-legacy-auth-protection");
  });
});
