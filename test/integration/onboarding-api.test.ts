import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";
import { APP_PERMISSIONS } from "../../shared/m365/permission-manifest";

const TENANT = "onboard-me";
const DOMAIN = "onboard-me.example";

/** Onboarding for scripts: a tenant by id or domain, its consent link, and what its consent allows read from the tenant. */
describe("the onboarding API", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: 1 } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("resolves a domain to its tenant id through Entra's discovery document and hands out the consent link", async () => {
    const started = await stack.api("/api/onboarding", { method: "POST", body: { tenant: DOMAIN.toUpperCase() } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ tenantId: TENANT, domain: DOMAIN, next: { check: `GET /api/tenants/${TENANT}/consent`, ticketConnection: `PUT /api/tenants/${TENANT}/ticket-connections/{system}` } });
    expect(started.body.consent.url).toBe(`${stack.sim.baseUrl}/${TENANT}/adminconsent?client_id=sim-client`);
    expect(started.body.consent.permissions).toEqual([...APP_PERMISSIONS]);
    const byId = await stack.api("/api/onboarding", { method: "POST", body: { tenant: "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b" } });
    expect(byId.body.tenantId).toBe("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b");
  });

  it("answers 404 for a domain Entra does not know, 400 for what is neither an id nor a domain, 403 without Tenant.Manage, and stores nothing", async () => {
    expect(await stack.api("/api/onboarding", { method: "POST", body: { tenant: "nobody-has-this.example" } })).toMatchObject({ status: 404, body: { error: { code: "TENANT_NOT_RESOLVED" } } });
    expect(await stack.api("/api/onboarding", { method: "POST", body: { tenant: "not a domain" } })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await stack.api("/api/onboarding", { method: "POST", body: {} })).toMatchObject({ status: 400 });
    const reader = await stack.signIn({ upn: "reader@msp.example", roles: ["Remediation.Read"] });
    expect(await reader.api("/api/onboarding", { method: "POST", body: { tenant: DOMAIN } })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await reader.api(`/api/tenants/${TENANT}/consent`)).toMatchObject({ status: 403 });
    const listed = (await stack.api("/api/tenants")).body.tenants.map((t: { tenantId: string }) => t.tenantId);
    expect(listed).not.toContain(TENANT);
  });

  it("names each permission the consent lacks and the features it blocks, read from the tenant as it is now", async () => {
    const full = await stack.api(`/api/tenants/${TENANT}/consent`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ tenantId: TENANT, complete: true, missing: [] });
    expect([...full.body.granted].sort()).toEqual([...APP_PERMISSIONS].sort());

    const without = APP_PERMISSIONS.filter((p) => p !== "AuditLog.Read.All" && p !== "Exchange.ManageAsApp");
    await stack.simApi(`/_sim/tenants/${TENANT}`, { method: "PATCH", body: { grantedPermissions: without } });
    const check = await stack.api(`/api/tenants/${TENANT}/consent`);
    expect(check.body.complete).toBe(false);
    expect(check.body.missing).toEqual([
      { permission: "AuditLog.Read.All", blocks: ["diagnosis", "audit", "readiness", "verification"] },
      { permission: "Exchange.ManageAsApp", blocks: ["diagnosis", "enable-mailbox-smtp-auth", "disable-per-user-mfa", "audit", "readiness", "verification", "high-volume-email", "relay-connector", "oauth-app", "retire-basic-auth", "privilege-reads"] },
    ]);
    const byFeature = Object.fromEntries(check.body.features.map((f: { feature: string; allowed: boolean }) => [f.feature, f.allowed]));
    expect(byFeature).toMatchObject({ onboarding: true, "disable-security-defaults": true, audit: false, verification: false });
    await stack.simApi(`/_sim/tenants/${TENANT}`, { method: "PATCH", body: { grantedPermissions: [...APP_PERMISSIONS] } });
    expect((await stack.api(`/api/tenants/${TENANT}/consent`)).body.complete).toBe(true);
  });

  it("says the app is not in a tenant whose administrator never consented, granting nothing", async () => {
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: "never-consented", domain: "never-consented.example", mailboxes: 0, clientId: "another-app" } });
    const check = await stack.api("/api/tenants/never-consented/consent");
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ complete: false, granted: [], notConsented: expect.stringContaining("no administrator has granted consent") });
    expect(check.body.missing.map((m: { permission: string }) => m.permission)).toEqual([...APP_PERMISSIONS]);
  });
});
