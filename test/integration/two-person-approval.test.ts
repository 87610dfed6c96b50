import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack } from "../../dev/demo-tenants";
import { waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";

describe("two people: who asked and who approved come from their sign-ins", () => {
  let stack: LocalStack;
  let requester: OperatorSession;
  let approver: OperatorSession;
  beforeAll(async () => {
    stack = await startDemoStack({ settings: { WEBHOOK_SHARED_ROUTE: "on" } });
    requester = await stack.signIn({ upn: "Dana.Requester@msp.example", roles: ["Remediation.Read", "Remediation.Request", "Remediation.Approve"] });
    approver = await stack.signIn({ upn: "erin.approver@msp.example", roles: ["Remediation.Approve"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  const waitingRequest = async (): Promise<string> => {
    await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
    const created = await requester.api("/api/remediations", { method: "POST", body: { mailbox: "copier@northwind.example" } });
    expect(created.status).toBe(202);
    expect((await waitForTerminal(stack, created.body.id)).status).toBe("awaiting-approval");
    return created.body.id;
  };

  it("records the signed-in requester as {oid, upn}", async () => {
    const created = await requester.api("/api/remediations", { method: "POST", body: { mailbox: "app@fabrikam.example", mode: "plan" } });
    expect(created.body.request.requestedBy).toEqual({ oid: requester.oid, upn: "dana.requester@msp.example" });
  });

  it("refuses the requester's own approval and rejection with 403 SELF_APPROVAL and leaves the request waiting", async () => {
    const id = await waitingRequest();
    for (const action of ["approve", "reject"]) {
      const res = await requester.api(`/api/remediations/${id}/${action}`, { method: "POST", body: { comment: "looks fine to me" } });
      expect([action, res.status, res.body.error?.code]).toEqual([action, 403, "SELF_APPROVAL"]);
    }
    expect((await stack.api(`/api/remediations/${id}`)).body.status).toBe("awaiting-approval");
    expect((await stack.simApi("/_sim/tenants/northwind-demo")).body.securityDefaults).toBe(true);
  });

  it("takes the approver from the token, not from the body", async () => {
    const id = await waitingRequest();
    const res = await approver.api(`/api/remediations/${id}/approve`, { method: "POST", body: { by: "ciso@northwind.example" } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
  });

  it("lets a second person approve with no body at all; the request shows both people, and so does its trail", async () => {
    const id = await waitingRequest();
    const approved = await approver.api(`/api/remediations/${id}/approve`, { method: "POST" });
    expect(approved.status).toBe(200);
    const done = await waitForTerminal(stack, id);
    expect(done.status).toBe("succeeded");
    expect(done.requestedBy).toEqual({ oid: requester.oid, upn: "dana.requester@msp.example" });
    expect(done.approval).toMatchObject({ decision: "approved", by: { oid: approver.oid, upn: "erin.approver@msp.example" } });
    const trail = (await stack.api(`/api/remediations/${id}/events`)).body.events as Array<{ kind: string; requestedBy?: string }>;
    expect(trail.find((e) => e.kind === "accepted")?.requestedBy).toContain(requester.oid);
    expect(trail.find((e) => e.kind === "approval-decided")?.requestedBy).toContain(approver.oid);
    expect(trail.filter((e) => e.kind === "tenant-changed").every((e) => e.requestedBy?.includes(requester.oid))).toBe(true);
  });

  it("treats an operator who opened the ticket as its requester: she cannot approve what her ticket asked for", async () => {
    await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
    await stack.simApi("/_sim/tenants/northwind-demo/mailboxes/copier@northwind.example", { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" } });
    const delivered = await stack.anonymousApi("/api/webhooks/generic", {
      method: "POST",
      headers: { authorization: "Bearer local-dev-generic-secret-0123456789abcdef" },
      body: { ticketId: "SELF-1", mailbox: "copier@northwind.example", description: "535 5.7.139 Authentication unsuccessful", requester: "Dana.Requester@msp.example" },
    });
    expect(delivered.status).toBe(202);
    expect((await waitForTerminal(stack, delivered.body.id)).status).toBe("awaiting-approval");
    const own = await requester.api(`/api/remediations/${delivered.body.id}/approve`, { method: "POST" });
    expect(own).toMatchObject({ status: 403, body: { error: { code: "SELF_APPROVAL" } } });
    expect((await approver.api(`/api/remediations/${delivered.body.id}/reject`, { method: "POST", body: { comment: "not today" } })).body.status).toBe("rejected");
  });

  it("knows her by every address: a ticket filed from her mail alias or a +tag of it cannot be approved by her either", async () => {
    const dana = await stack.signIn({ upn: "Dana.Requester@msp.example", email: "dana@msp-mail.example", roles: ["Remediation.Approve"] });
    for (const [ticketId, from] of [["ALIAS-1", "Dana@MSP-mail.example"], ["ALIAS-2", "dana.requester+scanner@msp.example"]] as const) {
      await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
      const delivered = await stack.anonymousApi("/api/webhooks/generic", {
        method: "POST",
        headers: { authorization: "Bearer local-dev-generic-secret-0123456789abcdef" },
        body: { ticketId, mailbox: "copier@northwind.example", description: "535 5.7.139 Authentication unsuccessful", requester: from },
      });
      expect(delivered.status).toBe(202);
      expect((await waitForTerminal(stack, delivered.body.id)).status).toBe("awaiting-approval");
      const own = await dana.api(`/api/remediations/${delivered.body.id}/approve`, { method: "POST" });
      expect([from, own.status, own.body.error?.code]).toEqual([from, 403, "SELF_APPROVAL"]);
      expect((await approver.api(`/api/remediations/${delivered.body.id}/reject`, { method: "POST", body: {} })).body.status).toBe("rejected");
    }
  });

  it("knows her by the addresses the operators' directory has for her: a ticket from a proxy address her token does not carry cannot be approved by her", async () => {
    const dana = await stack.signIn({ upn: "Dana.Requester@msp.example", proxyAddresses: ["d.requester@msp-archive.example"], roles: ["Remediation.Approve"] });
    await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
    const delivered = await stack.anonymousApi("/api/webhooks/generic", {
      method: "POST",
      headers: { authorization: "Bearer local-dev-generic-secret-0123456789abcdef" },
      body: { ticketId: "PROXY-1", mailbox: "copier@northwind.example", description: "535 5.7.139 Authentication unsuccessful", requester: "D.Requester@msp-archive.example" },
    });
    expect(delivered.status).toBe(202);
    expect((await waitForTerminal(stack, delivered.body.id)).status).toBe("awaiting-approval");
    const own = await dana.api(`/api/remediations/${delivered.body.id}/approve`, { method: "POST" });
    expect([own.status, own.body.error?.code]).toEqual([403, "SELF_APPROVAL"]);
    expect((await stack.api(`/api/remediations/${delivered.body.id}`)).body.status).toBe("awaiting-approval");
    expect((await approver.api(`/api/remediations/${delivered.body.id}/reject`, { method: "POST", body: {} })).body.status).toBe("rejected");
  });
});
