import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

const TENANT = "leaving";
const DOMAIN = "leaving.example";
const SCANNER = `scan@${DOMAIN}`;

/** A customer leaves: its endpoint dies, the product stops acting and reading there, its record stays. */
describe("offboarding a tenant (DELETE /api/tenants/{id})", () => {
  let stack: LocalStack;
  let endpoint: { url: string; secret: string };
  let fixId: string;
  const deliver = (ticketId: string) =>
    stack.anonymousApi(new URL(endpoint.url).pathname, { method: "POST", headers: { authorization: `Bearer ${endpoint.secret}` }, body: { ticketId, description: `${SCANNER} fails: 535 5.7.139 Authentication unsuccessful` } });

  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: 0, securityDefaults: false } });
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${SCANNER}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
    expect((await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], policy: { deviceAccounts: [SCANNER] } } })).status).toBe(201);
    endpoint = (await stack.api(`/api/tenants/${TENANT}/webhook-secrets/generic`, { method: "POST" })).body;
    const fix = await stack.api("/api/remediations", { method: "POST", body: { mailbox: SCANNER, errorText: "535 5.7.139 SmtpClientAuthentication is disabled for the Mailbox." } });
    fixId = fix.body.id;
    const done = await waitForTerminal(stack, fixId);
    expect(done.status).toBe("succeeded");
    expect(done.verification.status).toBe("waiting");
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("answers 204, then the tenant is gone from the list and every action on it is 404", async () => {
    expect((await stack.api(`/api/tenants/${TENANT}`, { method: "DELETE" })).status).toBe(204);
    const listed = await stack.api("/api/tenants");
    expect(listed.body.tenants.map((t: { tenantId: string }) => t.tenantId)).not.toContain(TENANT);
    const again = await stack.api("/api/remediations", { method: "POST", body: { tenantId: TENANT, mailbox: SCANNER } });
    expect(again.status).toBe(404);
    expect((await stack.api(`/api/tenants/${TENANT}`, { method: "DELETE" })).body.error.code).toBe("TENANT_NOT_FOUND");
  });

  it("killed the tenant's webhook endpoint: its secret opens nothing", async () => {
    expect((await deliver("AFTER-1")).status).toBe(401);
  });

  it("keeps the record: the request and its trail stay readable, and its waiting verification is closed with the reason", async () => {
    const request = await stack.api(`/api/remediations/${fixId}`);
    expect(request.status).toBe(200);
    expect(request.body.verification).toMatchObject({ status: "unavailable", reason: expect.stringContaining("offboarded") });
    const trail = await stack.api(`/api/remediations/${fixId}/events`);
    const kinds = (trail.body.events as Array<{ kind: string }>).map((e) => e.kind);
    expect(kinds).toContain("tenant-changed");
    expect(kinds).toContain("verification-changed");
  });
});
