import { readFileSync } from "node:fs";
import { request } from "node:https";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

const TENANT = "migrate-t";
const DOMAIN = "migrate.example";
const PASSWORD = "Printer-Pa55!";
const APP_ID = "5b0e7c3a-1f2d-4c6b-9a8e-0d1c2b3a4f5e";
const APP_SECRET = "app-secret-value";
const MIGRATION_STEPS = ["create-hve-account", "check-hve-billing-policy", "create-relay-connector", "register-exchange-service-principal", "grant-app-mailbox-access", "enable-mailbox-smtp-auth", "retire-basic-auth"];

/** A real SMTP client's answer to one message: "250 ..." or the server's refusal. */
async function send(stack: LocalStack, port: number, from: string, auth?: { user: string; pass?: string; accessToken?: string }): Promise<string> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1", port, secure: false, requireTLS: auth !== undefined, tls: { ca: readFileSync(stack.sim.caCertPath) },
    ...(auth ? { auth: auth.accessToken ? { type: "OAuth2" as const, user: auth.user, accessToken: auth.accessToken } : { user: auth.user, pass: auth.pass ?? "" } } : {}),
  });
  try {
    const info = await transport.sendMail({ from, to: `reception@${DOMAIN}`, subject: "scan", text: "a scanned page" });
    return info.response;
  } catch (error) {
    return String((error as { response?: string }).response ?? (error as Error).message);
  } finally {
    transport.close();
  }
}

/** The customer app's client-credentials token for Exchange, from the simulator's token endpoint. */
function appToken(stack: LocalStack): Promise<string> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: APP_ID, client_secret: APP_SECRET, scope: "https://outlook.office365.com/.default" }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${stack.sim.baseUrl}/${TENANT}/oauth2/v2.0/token`, { method: "POST", ca: readFileSync(stack.sim.caCertPath), headers: { "content-type": "application/x-www-form-urlencoded" } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => (res.statusCode === 200 ? resolve((JSON.parse(text) as { access_token: string }).access_token) : reject(new Error(text))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Polls the request until its verification leaves `from`. */
async function verificationAfter(stack: LocalStack, id: string, from: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await stack.api(`/api/remediations/${id}`);
    if (res.body.verification && res.body.verification.status !== from) return res.body.verification;
    if (Date.now() > deadline) throw new Error(`verification stayed ${from}: ${JSON.stringify(res.body.verification)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("moving a sender off basic auth: POST /api/remediations with a path", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ settings: { VERIFY_POLL_SECONDS: "1", VERIFY_SCHEDULE: "* * * * * *" } });
    // Basic auth for SMTP is gone in this tenant: every device password now gets 550 5.7.30.
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, securityDefaults: false, orgSmtpAuthDisabled: true, basicAuthRetired: true } });
    await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], policy: { deviceAccounts: [`*@${DOMAIN}`], autoApprove: MIGRATION_STEPS } } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  async function printer(upn: string): Promise<void> {
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${upn}`, { method: "PUT", body: { password: PASSWORD, licensed: true, smtpClientAuthenticationDisabled: false } });
    expect(await send(stack, stack.sim.smtpPort, upn, { user: upn, pass: PASSWORD })).toMatch(/^550 5\.7\.30 Basic authentication is not supported/);
  }

  it("refuses a path without its parameter, a stray parameter and an unknown path with a 400, and stores nothing", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ path: "relay-connector" }, "INVALID_MIGRATION"],
      [{ path: "relay-connector", senderIp: "not-an-ip" }, "INVALID_MIGRATION"],
      [{ path: "oauth-app", appId: "my-app" }, "INVALID_MIGRATION"],
      [{ path: "high-volume-email", appId: APP_ID }, "INVALID_MIGRATION"],
      [{ senderIp: "127.0.0.1" }, "INVALID_MIGRATION"],
      [{ path: "oauth-app", appId: APP_ID, retireBasicAuth: true }, "INVALID_MIGRATION"],
      [{ path: "carrier-pigeon" }, "VALIDATION_FAILED"],
    ];
    for (const [extra, code] of cases) {
      const res = await stack.api("/api/remediations", { method: "POST", body: { mailbox: `bad@${DOMAIN}`, ...extra } });
      expect([res.status, res.body.error?.code]).toEqual([400, code]);
    }
    const listed = await stack.api(`/api/remediations?mailbox=bad@${DOMAIN}`);
    expect(listed.body.remediations).toEqual([]);
  });

  it("moves a printer to High Volume Email: the account exists, its password is shown once, and the device sends with it", async () => {
    const upn = `printer@${DOMAIN}`;
    await printer(upn);
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "high-volume-email", retireBasicAuth: true } });
    expect(created.status, JSON.stringify(created.body) + stack.host.output().slice(-1500)).toBe(202);
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s: any) => [s.name, s.status])).toEqual([["create-hve-account", "succeeded"], ["check-hve-billing-policy", "skipped"], ["retire-basic-auth", "succeeded"]]);
    expect(done.steps[0]).toMatchObject({ before: "absent", after: "exists", created: [{ kind: "hve-account", id: `hve-printer@${DOMAIN}` }] });
    expect(done.steps[2]).toMatchObject({ before: "enabled", after: "disabled" });
    expect(done.steps[2].created).toBeUndefined();

    const tenant = await stack.simApi(`/_sim/tenants/${TENANT}`);
    expect(tenant.body.hveAccounts.map((a: any) => a.primarySmtpAddress)).toContain(`hve-printer@${DOMAIN}`);
    expect(JSON.stringify(tenant.body.hveAccounts)).not.toContain("password");

    const first = await stack.api(`/api/remediations/${created.body.id}/credentials`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ username: `hve-printer@${DOMAIN}`, endpoint: "smtp.hve.mx.microsoft:587", password: expect.stringMatching(/^.{24}$/) });
    const second = await stack.api(`/api/remediations/${created.body.id}/credentials`);
    expect([second.status, second.body.error.code]).toEqual([404, "CREDENTIALS_NOT_AVAILABLE"]);
    expect(JSON.stringify((await stack.api(`/api/remediations/${created.body.id}`)).body)).not.toContain(first.body.password);
    expect(stack.host.output()).not.toContain(first.body.password);
    const trail = (await stack.api(`/api/remediations/${created.body.id}/events`)).body;
    expect(trail.events.filter((e: any) => e.kind === "credentials-read")).toMatchObject([{ subject: `hve-printer@${DOMAIN}`, requestedBy: expect.any(String) }]);
    expect(JSON.stringify(trail)).not.toContain(first.body.password);
    // A move weakens nothing: the exceptions register has no entry for it.
    const exceptions = (await stack.api(`/api/tenants/${TENANT}/exceptions`)).body;
    expect(JSON.stringify(exceptions)).not.toContain(created.body.id);

    const account = first.body.username;
    expect(await send(stack, stack.sim.hveSmtpPort, account, { user: account, pass: first.body.password })).toMatch(/^250 /);
    // Proof of the move: the HVE account's own sign-in after the request.
    const verification = await verificationAfter(stack, created.body.id, "waiting");
    expect(verification).toMatchObject({ status: "confirmed", signIn: { ipAddress: "127.0.0.1" } });
    // The old mailbox no longer takes SMTP AUTH at all.
    expect((await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${upn}`)).body.smtpClientAuthenticationDisabled).toBe(true);
  });

  it("retires basic auth after the move: SMTP AUTH off again for the old mailbox and the fix's exception closed", async () => {
    const upn = `legacy@${DOMAIN}`;
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${upn}`, { method: "PUT", body: { password: PASSWORD, licensed: true, smtpClientAuthenticationDisabled: true } });
    const fix = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." } });
    expect((await waitForTerminal(stack, fix.body.id)).status).toBe("succeeded");
    const exceptionOf = async (): Promise<any> => (await stack.api(`/api/tenants/${TENANT}/exceptions`)).body.exceptions.find((e: any) => e.requestId === fix.body.id);
    expect(await exceptionOf()).toMatchObject({ subject: upn, setting: "mailbox-smtp-auth", status: "active" });

    const move = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "high-volume-email", retireBasicAuth: true } });
    const done = await waitForTerminal(stack, move.body.id);
    expect(done.steps.map((s: any) => [s.name, s.status])).toEqual([["create-hve-account", "succeeded"], ["check-hve-billing-policy", "skipped"], ["retire-basic-auth", "succeeded"]]);
    expect(await exceptionOf()).toMatchObject({ status: "closed", closedReason: "revoked" });
    expect((await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${upn}`)).body.smtpClientAuthenticationDisabled).toBe(true);
  });

  it("undoes a move to HVE: the account is removed from the tenant without a second person, and the trail links both requests", async () => {
    // A tenant of its own, so "no HVE account left" is exact.
    const tenantId = "migrate-undo-t";
    const domain = "migrate-undo.example";
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, securityDefaults: false, orgSmtpAuthDisabled: true, basicAuthRetired: true } });
    await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { deviceAccounts: [`*@${domain}`], autoApprove: MIGRATION_STEPS } } });
    const upn = `plotter@${domain}`;
    await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`, { method: "PUT", body: { password: PASSWORD, licensed: true, smtpClientAuthenticationDisabled: false } });
    const move = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "high-volume-email" } });
    expect((await waitForTerminal(stack, move.body.id)).status).toBe("succeeded");
    expect((await stack.simApi(`/_sim/tenants/${tenantId}`)).body.hveAccounts).toHaveLength(1);

    const undo = await stack.api(`/api/remediations/${move.body.id}/undo`, { method: "POST" });
    expect(undo.status).toBe(202);
    const done = await waitForTerminal(stack, undo.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps).toMatchObject([{ name: "create-hve-account", status: "succeeded", before: "present: hve-account hve-plotter@migrate-undo.example", after: "removed" }]);
    expect((await stack.simApi(`/_sim/tenants/${tenantId}`)).body.hveAccounts).toEqual([]);

    expect((await stack.api(`/api/remediations/${move.body.id}`)).body.undoneBy).toBe(undo.body.id);
    expect(done.undoOf).toBe(move.body.id);
    const moveTrail = (await stack.api(`/api/remediations/${move.body.id}/events`)).body.events as Array<{ kind: string; detail?: string }>;
    expect(moveTrail.find((e) => e.kind === "undo-requested")?.detail).toContain(undo.body.id);
    const undoTrail = (await stack.api(`/api/remediations/${undo.body.id}/events`)).body.events as Array<{ kind: string; detail?: string; setting?: string; subject?: string }>;
    expect(undoTrail.find((e) => e.kind === "accepted")?.detail).toContain(move.body.id);
    expect(undoTrail.filter((e) => e.kind === "tenant-changed").map((e) => [e.setting, e.subject])).toEqual([["hve-account", "hve-plotter@migrate-undo.example"]]);
  });

  it("stops as needs-attention naming the billing status when the HVE account cannot send", async () => {
    await stack.simApi(`/_sim/tenants/${TENANT}`, { method: "PATCH", body: { hveBillingPolicyStatus: "NoProperBillingPolicyStored" } });
    try {
      const upn = `copier@${DOMAIN}`;
      await printer(upn);
      const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "high-volume-email" } });
      const done = await waitForTerminal(stack, created.body.id);
      expect(done.status).toBe("needs-attention");
      expect(done.reason).toContain("NoProperBillingPolicyStored");
      expect(done.steps.map((s: any) => [s.name, s.status])).toEqual([["create-hve-account", "succeeded"], ["check-hve-billing-policy", "skipped"]]);
      expect(done.steps[1].refused.code).toBe("hve-billing-policy-invalid");
    } finally {
      await stack.simApi(`/_sim/tenants/${TENANT}`, { method: "PATCH", body: { hveBillingPolicyStatus: "BillingPolicyValid" } });
    }
  });

  it("moves a device to a relay connector: Direct Send is refused under RejectDirectSend before, the connector's mail is accepted after", async () => {
    const upn = `scanner@${DOMAIN}`;
    await printer(upn);
    await stack.simApi(`/_sim/tenants/${TENANT}`, { method: "PATCH", body: { rejectDirectSend: true } });
    expect(await send(stack, stack.sim.inboundSmtpPort, upn)).toMatch(/^550 5\.7\.68 TenantInboundAttribution; Direct Send not allowed/);

    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "relay-connector", senderIp: "127.0.0.1" } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps).toMatchObject([{ name: "create-relay-connector", status: "succeeded", before: expect.stringContaining("RejectDirectSend on"), created: [{ kind: "inbound-connector", id: "smtp-auth-remediation relay 127.0.0.1" }] }]);
    const tenant = await stack.simApi(`/_sim/tenants/${TENANT}`);
    expect(tenant.body.inboundConnectors).toMatchObject([{ name: "smtp-auth-remediation relay 127.0.0.1", connectorType: "OnPremises", senderIpAddresses: ["127.0.0.1"], enabled: true }]);
    expect(await send(stack, stack.sim.inboundSmtpPort, upn)).toMatch(/^250 /);
    // Proof of the move: the connector's mail is anonymous, so the message trace shows it, by the sender's IP.
    expect(await verificationAfter(stack, created.body.id, "waiting")).toMatchObject({ status: "confirmed", signIn: { ipAddress: "127.0.0.1" } });

    // A second request for the same address finds the connector and changes nothing.
    const again = await waitForTerminal(stack, (await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "relay-connector", senderIp: "127.0.0.1" } })).body.id);
    expect(again.steps).toMatchObject([{ name: "create-relay-connector", status: "skipped" }]);
    expect(again.steps[0].created).toBeUndefined();
    expect((await stack.simApi(`/_sim/tenants/${TENANT}`)).body.inboundConnectors).toHaveLength(1);
  });

  it("moves a device to an OAuth app: its XOAUTH2 send fails before and succeeds after, and the app's sign-in proves it", async () => {
    const upn = `plotter@${DOMAIN}`;
    await printer(upn);
    await stack.simApi(`/_sim/tenants/${TENANT}/applications/${APP_ID}`, { method: "PUT", body: { secret: APP_SECRET, displayName: "Plotter app" } });
    const before = await appToken(stack);
    expect(await send(stack, stack.sim.smtpPort, upn, { user: upn, accessToken: before })).toMatch(/^535 5\.7\.3 Authentication unsuccessful/);

    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "oauth-app", appId: APP_ID } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s: any) => [s.name, s.status])).toEqual([["register-exchange-service-principal", "succeeded"], ["grant-app-mailbox-access", "succeeded"], ["enable-mailbox-smtp-auth", "skipped"]]);
    expect(done.steps[1].created).toEqual([{ kind: "mailbox-permission", id: upn, user: APP_ID, accessRights: ["FullAccess"] }]);
    const tenant = await stack.simApi(`/_sim/tenants/${TENANT}`);
    expect(tenant.body.exchangeServicePrincipals).toMatchObject([{ appId: APP_ID, displayName: "Plotter app" }]);

    expect(await send(stack, stack.sim.smtpPort, upn, { user: upn, accessToken: await appToken(stack) })).toMatch(/^250 /);
    expect(await verificationAfter(stack, created.body.id, "waiting")).toMatchObject({ status: "confirmed" });
  });

  it("stops an oauth-app move for an app the tenant does not have, creating nothing", async () => {
    const upn = `fax@${DOMAIN}`;
    await printer(upn);
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, path: "oauth-app", appId: "00000000-1111-2222-3333-444444444444" } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("needs-attention");
    expect(done.steps[0].refused.code).toBe("app-not-in-tenant");
    const tenant = await stack.simApi(`/_sim/tenants/${TENANT}`);
    expect(tenant.body.exchangeServicePrincipals.map((sp: any) => sp.appId)).not.toContain("00000000-1111-2222-3333-444444444444");
  });
});
