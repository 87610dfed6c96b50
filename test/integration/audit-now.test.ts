import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditDemoTenants, DEMO_TENANTS, startDemoStack } from "../../dev/demo-tenants";
import type { LocalStack } from "../../dev/local-stack";
import { DEMO_APPROVER } from "../../dev/operator-session";

describe("audit now: POST /api/tenants/{id}/audits", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startDemoStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses an operator without Tenant.Manage and an unknown tenant, and queues nothing for them", async () => {
    const approver = await stack.signIn(DEMO_APPROVER);
    expect(await approver.api("/api/tenants/contoso-demo/audits", { method: "POST", body: {} })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await stack.api("/api/tenants/no-such-tenant/audits", { method: "POST", body: {} })).toMatchObject({ status: 404, body: { error: { code: "TENANT_NOT_FOUND" } } });
    expect((await stack.api("/api/audits?latest=true")).body.totals.audited).toBe(0);
  });

  it("answers 202 with where the report will be, and the tenant's audit runs as the nightly one does", async () => {
    const res = await stack.api("/api/tenants/fabrikam-demo/audits", { method: "POST", body: {} });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ tenantId: "fabrikam-demo", status: "queued", runId: expect.stringMatching(/^\d{8}T\d{6}Z$/) });
    expect(res.headers.location).toBe(`${stack.host.url}/api/audits/fabrikam-demo/latest`);
    await expect.poll(async () => (await stack.api("/api/audits/fabrikam-demo/latest")).body.runId, { timeout: 30_000 }).toBe(res.body.runId);
  }, 60_000);

  it("leaves every demo tenant audited after what `npm start` does", async () => {
    await auditDemoTenants(stack);
    const overview = (await stack.api("/api/audits?latest=true")).body;
    expect(overview.totals.audited).toBe(DEMO_TENANTS.length);
    expect(overview.tenants.map((line: { tenantId: string; latest: unknown }) => [line.tenantId, line.latest !== null])).toEqual(DEMO_TENANTS.map((t) => [t.tenantId, true]).sort());
  }, 90_000);
});
