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
    const res = await stack.anonymousApi("/api/health");
    expect(res).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("fixes a mailbox blocked by all three settings once a second person approves (security defaults never go off alone), in the seed's order, and the tenant shows each change", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "scanner@contoso.example", errorText: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy." } });
    expect(created.status).toBe(202);
    expect(created.headers.location).toBe(created.body.statusUrl);
    const waiting = await waitForTerminal(stack, created.body.id);
    expect(waiting).toMatchObject({ status: "awaiting-approval", reasonCode: { parts: [{ code: "never-automatic" }] } });
    expect((await stack.simApi("/_sim/tenants/contoso-demo")).body.securityDefaults).toBe(true);
    const approver = await stack.signIn({ upn: "second.person@msp.example", roles: ["Remediation.Approve"] });
    expect((await approver.api(`/api/remediations/${created.body.id}/approve`, { method: "POST", body: {} })).status).toBe(200);
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

  it("waits for approval when security defaults must go off and the tenant's policy does not allow it; approval runs the procedure", async () => {
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "copier@northwind.example" } });
    const waiting = await waitForTerminal(stack, created.body.id);
    expect(waiting.status).toBe("awaiting-approval");
    expect(waiting.reason).toMatch(/tenant/i);
    expect(waiting.attention.guidance[0]).toContain(`/api/remediations/${created.body.id}/approve`);
    expect((await stack.simApi("/_sim/tenants/northwind-demo")).body.securityDefaults).toBe(true);

    const approver = await stack.signIn({ upn: "tenant.admin@msp.example", roles: ["Remediation.Approve"] });
    const approved = await approver.api(`/api/remediations/${created.body.id}/approve`, { method: "POST", body: { comment: "copier only, CA replaces defaults next week" } });
    expect(approved.status).toBe(200);
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s: any) => s.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(done.approval).toMatchObject({ decision: "approved", by: { upn: "tenant.admin@msp.example", oid: approver.oid } });
    expect((await stack.simApi("/_sim/tenants/northwind-demo")).body.securityDefaults).toBe(false);
    const exceptions = await stack.api("/api/tenants/northwind-demo/exceptions");
    const sd = exceptions.body.exceptions.find((e: any) => e.setting === "security-defaults" && e.requestId === created.body.id);
    expect(sd.reason).toContain(`approved by tenant.admin@msp.example (oid ${approver.oid})`);

    const again = await approver.api(`/api/remediations/${created.body.id}/approve`, { method: "POST", body: {} });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "NOT_AWAITING_APPROVAL" } } });
  });

  it("a rejected approval ends the request and changes nothing", async () => {
    await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "copier@northwind.example", mode: "apply" }, headers: { "idempotency-key": "reject-me" } });
    expect((await waitForTerminal(stack, created.body.id)).status).toBe("awaiting-approval");
    const ciso = await stack.signIn({ upn: "ciso@msp.example", roles: ["Remediation.Approve"] });
    expect((await ciso.api(`/api/remediations/${created.body.id}/reject`, { method: "POST", body: { by: "someone else" } })).status).toBe(400);
    const rejected = await ciso.api(`/api/remediations/${created.body.id}/reject`, { method: "POST", body: { comment: "move the copier to OAuth" } });
    expect(rejected.body).toMatchObject({ status: "rejected", reason: "Rejected by ciso@msp.example: move the copier to OAuth", approval: { decision: "rejected", by: { upn: "ciso@msp.example", oid: ciso.oid } } });
    expect((await stack.simApi("/_sim/tenants/northwind-demo")).body.securityDefaults).toBe(true);
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
