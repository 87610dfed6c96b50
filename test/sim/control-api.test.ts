import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, call, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "77777777-2222-3333-4444-555555555555";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => sim.close());

describe("control API", () => {
  it("creates a tenant with realistic defaults and reports it", async () => {
    const created = await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "control.test", mailboxes: 3 } });
    expect(created.status).toBe(201);
    const summary = await call(sim, "GET", `/_sim/tenants/${TENANT}`);
    expect(summary.body).toMatchObject({ tenantId: TENANT, domain: "control.test", securityDefaults: true, orgSmtpAuthDisabled: true, federatedStsUnreachable: false, mailboxCount: 3 });
  });

  it("changes tenant flags with PATCH and rejects wrongly typed ones", async () => {
    const patched = await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { securityDefaults: false, basicAuthRetired: true } });
    expect(patched.body).toMatchObject({ securityDefaults: false, basicAuthRetired: true, orgSmtpAuthDisabled: true });
    const bad = await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { securityDefaults: "no" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("InvalidInput");
    expect((await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { federatedStsUnreachable: true } })).body.federatedStsUnreachable).toBe(true);
    expect((await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { federatedStsUnreachable: "yes" } })).status).toBe(400);
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { federatedStsUnreachable: false } });
  });

  it("creates and updates a mailbox and shows the fields PUT takes", async () => {
    const put = await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/printer@control.test`, {
      body: { smtpClientAuthenticationDisabled: false, perUserMfaState: "enforced", licensed: true, roles: ["Exchange Administrator"], password: "p@ss" },
    });
    expect(put.status).toBe(200);
    const got = await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/printer@control.test`);
    expect(got.body).toMatchObject({
      userPrincipalName: "printer@control.test", smtpClientAuthenticationDisabled: false, perUserMfaState: "enforced",
      accountEnabled: true, licensed: true, roles: ["Exchange Administrator"], password: "p@ss", locked: false, hasMailbox: true, restrictedSender: false,
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/printer@control.test`, { body: { smtpClientAuthenticationDisabled: null, restrictedSender: true } });
    const updated = (await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/printer@control.test`)).body;
    expect(updated).toMatchObject({ smtpClientAuthenticationDisabled: null, restrictedSender: true });
    expect((await call(sim, "GET", `/_sim/tenants/${TENANT}`)).body.mailboxCount).toBe(4);
  });

  it("gives generated mailboxes deterministic UPNs and ids", async () => {
    const first = await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/user000001@control.test`);
    await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "control.test", mailboxes: 3 } });
    const again = await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/user000001@control.test`);
    expect(again.body.id).toBe(first.body.id);
    expect((await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/user000004@control.test`)).status).toBe(404);
  });

  it("answers 404 for an unknown tenant and 400 for a tenant without a domain", async () => {
    expect((await call(sim, "GET", "/_sim/tenants/nope")).status).toBe(404);
    expect((await call(sim, "POST", "/_sim/tenants", { body: { tenantId: "x" } })).status).toBe(400);
    expect((await call(sim, "POST", "/_sim/tenants", { body: { tenantId: "x", domain: "x.test", mailboxes: -1 } })).status).toBe(400);
  });

  it("accepts a tenant's own client id and secret for tokens", async () => {
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { clientId: "app-2", clientSecret: "s3cret" } });
    const reply = await call(sim, "POST", `/${TENANT}/oauth2/v2.0/token`, { form: { grant_type: "client_credentials", client_id: "app-2", client_secret: "s3cret", scope: GRAPH_SCOPE } });
    expect(reply.status).toBe(200);
    await expect(token(sim, TENANT, GRAPH_SCOPE)).rejects.toThrow(/AADSTS700016/);
  });

  it("deletes a tenant, after which its tokens no longer open Graph", async () => {
    await call(sim, "POST", "/_sim/tenants", { body: { tenantId: "gone", domain: "gone.test" } });
    const graph = await token(sim, "gone", GRAPH_SCOPE);
    expect((await call(sim, "DELETE", "/_sim/tenants/gone")).status).toBe(204);
    expect((await call(sim, "GET", "/v1.0/users", { token: graph })).status).toBe(401);
  });
});
