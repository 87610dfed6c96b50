import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANTS, startDemoStack } from "../../dev/demo-tenants";
import { waitForTerminal, type LocalStack } from "../../dev/local-stack";

describe("the seed procedure end to end, over HTTP through the local host", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startDemoStack();
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("answers health once it can take requests", async () => {
    const res = await stack.api("/api/health");
    expect(res).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("fixes a mailbox blocked by all three settings, in the seed's order, and the tenant shows each change", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "scanner@contoso.example", errorText: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy." } });
    expect(created.status).toBe(202);
    expect(created.headers.location).toBe(created.body.statusUrl);
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s: any) => [s.name, s.status])).toEqual([
      ["disable-security-defaults", "succeeded"],
      ["enable-mailbox-smtp-auth", "succeeded"],
      ["disable-per-user-mfa", "succeeded"],
    ]);
    const completedAt = done.steps.map((s: any) => Date.parse(s.completedAt));
    expect([...completedAt].sort((a, b) => a - b)).toEqual(completedAt);

    const tenant = await stack.simApi("/_sim/tenants/contoso-demo");
    expect(tenant.body.securityDefaults).toBe(false);
    const mailbox = await stack.simApi("/_sim/tenants/contoso-demo/mailboxes/scanner@contoso.example");
    expect(mailbox.body).toMatchObject({ smtpClientAuthenticationDisabled: false, perUserMfaState: "disabled" });
    expect(tenant.body.orgSmtpAuthDisabled).toBe(true); // only the one mailbox was opened

    const trail = await stack.api(`/api/remediations/${created.body.id}/events`);
    expect(trail.body.events.filter((e: any) => e.kind === "tenant-changed").map((e: any) => e.setting)).toEqual(["security-defaults", "mailbox-smtp-auth", "per-user-mfa"]);
  });

  it("changes only the mailbox flag when that is all that is wrong", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "printer@fabrikam.example" } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s: any) => s.status)).toEqual(["skipped", "succeeded", "skipped"]);
  });

  it("changes nothing for a mailbox that already works", async () => {
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "app@fabrikam.example" } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.every((s: any) => s.status === "skipped")).toBe(true);
    const calls = await stack.simApi("/_sim/calls");
    const writes = Object.entries(calls.body.byOperation as Record<string, number>).filter(([op]) => /^(PATCH|InvokeCommand Set-)/.test(op));
    expect(writes).toEqual([]);
  });

  it("stops for a person when security defaults must go off and the tenant's policy does not allow tenant-wide changes", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "copier@northwind.example" } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("needs-attention");
    expect(done.reason).toMatch(/tenant/i);
    const tenant = await stack.simApi("/_sim/tenants/northwind-demo");
    expect(tenant.body.securityDefaults).toBe(true);
  });

  it("ends a mailbox that does not exist in needs-attention, changing nothing", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "ghost@fabrikam.example" } });
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("needs-attention");
    expect(done.diagnosis.causes[0].id).toBe("mailbox-not-found");
  });

  it("gives the same request for the same Idempotency-Key and runs it once", async () => {
    const headers = { "idempotency-key": "ticket-4711" };
    const a = await stack.api("/api/remediations", { method: "POST", headers, body: { mailbox: "app@fabrikam.example", mode: "plan" } });
    const b = await stack.api("/api/remediations", { method: "POST", headers, body: { mailbox: "app@fabrikam.example", mode: "plan" } });
    expect(b.body.id).toBe(a.body.id);
    expect((await waitForTerminal(stack, a.body.id)).status).toBe("planned");
  });

  it("knows the demo tenants it onboarded", async () => {
    const res = await stack.api("/api/tenants");
    expect(res.body.tenants.map((t: any) => t.tenantId).sort()).toEqual(DEMO_TENANTS.map((t) => t.tenantId).sort());
  });
});
