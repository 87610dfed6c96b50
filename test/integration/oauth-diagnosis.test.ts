import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

const TENANT = "oauth-diag";
const DOMAIN = "oauth-diag.example";
const UPN = `scanner@${DOMAIN}`;
const APP = "5b1e7c3a-2f4d-4e6a-9b8c-0d1e2f3a4b5c";
const XOAUTH2_535 = "AUTH XOAUTH2 dXNlcj1zY2FubmVy...\n535 5.7.3 Authentication unsuccessful [BN9PR03CA0123.namprd03.prod.outlook.com]";
const WRITE = /^(PATCH |InvokeCommand (Set|New|Add)-)/;

describe("POST /api/diagnose reads the oauth-app path's checks for an OAuth error (simulator)", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: 0, securityDefaults: true, orgSmtpAuthDisabled: true } });
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${UPN}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: false, licensed: true } });
    // The app exists in the customer's Entra ID, with SMTP.SendAsApp, but nobody registered it in Exchange.
    await stack.simApi(`/_sim/tenants/${TENANT}/applications/${APP}`, { method: "PUT", body: { secret: "app-secret-value" } });
    await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN] } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  const diagnose = async (body: Record<string, unknown>) => {
    const res = await stack.api("/api/diagnose", { method: "POST", body: { tenantId: TENANT, mailbox: UPN, errorText: XOAUTH2_535, ...body } });
    expect(res.status).toBe(200);
    return res.body;
  };
  const statuses = (body: any) => Object.fromEntries(body.live.oauthChecks.map((c: any) => [c.check, c.status]));
  const writes = async () => ((await stack.simApi(`/_sim/calls?log=1&tenantId=${TENANT}`)).body.log as Array<{ operation: string }>).map((c) => c.operation).filter((op) => WRITE.test(op));

  it("names the missing Exchange registration and access, suggests the oauth-app path and weakens nothing", async () => {
    const body = await diagnose({ appId: APP });
    expect(body.causes[0].id).toMatch(/^oauth-/);
    expect(statuses(body)).toEqual({ "exchange-service-principal": "missing", "app-mailbox-access": "missing", "mailbox-smtp-auth": "ok" });
    const plan = body.live.plan;
    expect(plan.steps).toEqual([]);
    const advice = JSON.stringify(plan.attention ?? plan.notes);
    expect(advice).toContain(`\\"appId\\": \\"${APP}\\"`);
    expect(advice).toMatch(/what is missing: exchange-service-principal, app-mailbox-access/);
    expect(await writes()).toEqual([]);
  });

  it("after the app is registered in Exchange with access to the mailbox, the same diagnosis finds both in place", async () => {
    expect((await stack.simApi(`/_sim/tenants/${TENANT}/exchange-service-principals/${APP}`, { method: "PUT", body: { mailboxes: [UPN] } })).status).toBe(200);
    const body = await diagnose({ appId: APP.toUpperCase() });
    expect(statuses(body)).toEqual({ "exchange-service-principal": "ok", "app-mailbox-access": "ok", "mailbox-smtp-auth": "ok" });
    expect(JSON.stringify(body.live.plan)).toMatch(/found nothing missing/);
    expect(body.live.plan.steps).toEqual([]);
  });

  it("without an appId checks only SMTP AUTH, and asks for the app id", async () => {
    const body = await diagnose({});
    expect(statuses(body)).toEqual({ "mailbox-smtp-auth": "ok" });
    expect(JSON.stringify(body.live.plan)).toContain("Send the app's");
  });

  it("reads no OAuth checks for a basic-auth error", async () => {
    const body = await diagnose({ errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", appId: APP });
    expect(body.live.oauthChecks).toBeUndefined();
  });

  it("a remediation's diagnosis of the same report carries the SMTP AUTH check and the path's advice, and plans no step", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { tenantId: TENANT, mailbox: UPN, errorText: XOAUTH2_535, mode: "plan" } });
    expect(created.status).toBe(202);
    const done = await waitForTerminal(stack, created.body.id, 60_000);
    expect(done.diagnosis.oauthChecks).toEqual([expect.objectContaining({ check: "mailbox-smtp-auth", status: "ok" })]);
    expect(done.steps.filter((s: any) => s.status === "pending" || s.status === "succeeded")).toEqual([]);
    expect(JSON.stringify(done.attention)).toContain('\\"path\\": \\"oauth-app\\"');
    expect(await writes()).toEqual([]);
  });

  it("refuses a malformed appId, or one without a mailbox, with 400", async () => {
    const bad = await stack.api("/api/diagnose", { method: "POST", body: { tenantId: TENANT, mailbox: UPN, errorText: XOAUTH2_535, appId: "not-a-guid" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/appId/);
    const alone = await stack.api("/api/diagnose", { method: "POST", body: { errorText: XOAUTH2_535, appId: APP } });
    expect(alone.status).toBe(400);
  });
});
