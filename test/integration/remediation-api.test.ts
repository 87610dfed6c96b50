import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack } from "../../dev/demo-tenants";
import type { LocalStack } from "../../dev/local-stack";

describe("the remediation API's contract", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startDemoStack();
  }, 90_000);
  afterAll(async () => stack?.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) => stack.api("/api/remediations", { method: "POST", body, headers });

  it.each([
    ["a missing mailbox", { errorText: "5.7.57" }, 400, "VALIDATION_FAILED"],
    ["a malformed mailbox", { mailbox: "printer-at-contoso" }, 400, "VALIDATION_FAILED"],
    ["an unknown mode", { mailbox: "printer@fabrikam.example", mode: "yolo" }, 400, "VALIDATION_FAILED"],
    ["an unknown ticket system", { mailbox: "printer@fabrikam.example", ticket: { system: "bugzilla", id: "1" } }, 400, "VALIDATION_FAILED"],
    ["a tenant that is not onboarded", { tenantId: "nobody-tenant", mailbox: "printer@fabrikam.example" }, 404, "TENANT_NOT_FOUND"],
    ["a domain no onboarded tenant owns", { mailbox: "printer@elsewhere.example" }, 404, "TENANT_NOT_FOUND"],
    ["a JSON array", [], 400, "VALIDATION_FAILED"],
  ])("refuses %s with a clear 4xx and the error shape", async (_name, body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe("string");
  });

  it("refuses a body that is not JSON", async () => {
    const res = await post("{not json", { "content-type": "application/json" });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
  });

  it("refuses an empty body", async () => {
    const res = await post("");
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
  });

  it("refuses an oversized body with 413 and queues nothing", async () => {
    const res = await post({ mailbox: "printer@fabrikam.example", errorText: "x".repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("BODY_TOO_LARGE");
  });

  it("refuses a body sent as a form", async () => {
    const res = await post("mailbox=printer@fabrikam.example", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });

  it("answers 404 for a remediation id it does not know", async () => {
    const res = await stack.api("/api/remediations/00000000-0000-0000-0000-000000000000");
    expect(res).toMatchObject({ status: 404, body: { error: { code: "REMEDIATION_NOT_FOUND" } } });
  });

  it("refuses to onboard a tenant without domains or with an unknown policy field", async () => {
    expect((await stack.api("/api/tenants/acme", { method: "PUT", body: { domains: [] } })).status).toBe(400);
    expect((await stack.api("/api/tenants/acme", { method: "PUT", body: { domains: ["acme.example"], policy: { yolo: true } } })).status).toBe(400);
    expect((await stack.api("/api/tenants/acme", { method: "PUT", body: { domains: ["not a domain"] } })).status).toBe(400);
  });

  it("onboards a tenant with the safe default policy", async () => {
    const res = await stack.api("/api/tenants/acme-onboard", { method: "PUT", body: { domains: ["Acme.Example"] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tenantId: "acme-onboard", domains: ["acme.example"], policy: { allowTenantWideChanges: false, exceptionDays: 180, locale: "en", autoRevertExpired: false } });
  });

  it("lists requests newest first by mailbox and status, and refuses a bad filter", async () => {
    const first = await post({ mailbox: "list-me@fabrikam.example", mode: "plan" });
    const second = await post({ mailbox: "list-me@fabrikam.example", mode: "plan" });
    const listed = await stack.api("/api/remediations?mailbox=List-Me@fabrikam.example&limit=1");
    expect(listed.status).toBe(200);
    expect(listed.body.remediations.map((r: any) => r.id)).toEqual([second.body.id]);
    expect(listed.body.remediations[0]).toMatchObject({ mailbox: "list-me@fabrikam.example", statusUrl: expect.stringContaining(second.body.id) });
    const rest = await stack.api(`/api/remediations?mailbox=list-me@fabrikam.example&limit=1&continuationToken=${listed.body.continuationToken}`);
    expect(rest.body.remediations.map((r: any) => r.id)).toEqual([first.body.id]);
    expect((await stack.api("/api/remediations?status=finished")).body.error.code).toBe("VALIDATION_FAILED");
  });

  it("summarises the latest audit of every onboarded tenant, and refuses anything but latest=true", async () => {
    const overview = await stack.api("/api/audits?latest=true");
    expect(overview.status).toBe(200);
    expect(overview.body.tenants.map((t: any) => t.tenantId)).toEqual(expect.arrayContaining(["contoso-demo", "fabrikam-demo"]));
    expect(overview.body.totals.tenants).toBe(overview.body.tenants.length);
    expect((await stack.api("/api/audits")).status).toBe(400);
  });

  it("diagnoses an error text offline", async () => {
    const res = await stack.api("/api/diagnose", { method: "POST", body: { errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant." } });
    expect(res.status).toBe(200);
    expect(res.body.causes[0].id).toBe("smtp-auth-disabled-tenant");
    expect(res.body.live).toBeUndefined();
  });

  it("diagnoses a mailbox against its live state, and changes nothing", async () => {
    const res = await stack.api("/api/diagnose", { method: "POST", body: { mailbox: "copier@northwind.example", errorText: "5.7.139 Authentication unsuccessful" } });
    expect(res.status).toBe(200);
    const confirmed = res.body.causes.filter((c: any) => c.verdict === "confirmed").map((c: any) => c.id);
    expect(confirmed).toEqual(expect.arrayContaining(["security-defaults-enabled", "smtp-auth-disabled-mailbox", "per-user-mfa-enforced"]));
    expect(res.body.live.plan.outcome).toBe("needs-attention");
    const tenant = await stack.simApi("/_sim/tenants/northwind-demo");
    expect(tenant.body.securityDefaults).toBe(true);
  });
});
