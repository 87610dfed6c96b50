import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack } from "../../dev/demo-tenants";
import { waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";

/** Undo through the local host against the simulator: every before-value back, both requests linked. */
describe("POST /api/remediations/{id}/undo", () => {
  let stack: LocalStack;
  let requester: OperatorSession;
  let approver: OperatorSession;
  beforeAll(async () => {
    stack = await startDemoStack();
    requester = await stack.signIn({ upn: "dana.requester@msp.example", roles: ["Remediation.Read", "Remediation.Request"] });
    approver = await stack.signIn({ upn: "erin.approver@msp.example", roles: ["Remediation.Approve"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  const tenantState = async (tenantId: string) => (await stack.simApi(`/_sim/tenants/${tenantId}`)).body;
  const mailboxState = async (tenantId: string, upn: string) => (await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`)).body;
  const settings = async (tenantId: string, upn: string) => {
    const [tenant, mailbox] = await Promise.all([tenantState(tenantId), mailboxState(tenantId, upn)]);
    return { securityDefaults: tenant.securityDefaults, smtpClientAuthenticationDisabled: mailbox.smtpClientAuthenticationDisabled, perUserMfaState: mailbox.perUserMfaState };
  };

  /** Contoso's scanner, blocked by all three settings, fixed with a second person's approval (security defaults never run alone). */
  const fixedScanner = async (): Promise<string> => {
    await stack.simApi("/_sim/tenants/contoso-demo", { method: "PATCH", body: { securityDefaults: true } });
    await stack.simApi("/_sim/tenants/contoso-demo/mailboxes/scanner@contoso.example", { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" } });
    const created = await requester.api("/api/remediations", { method: "POST", body: { mailbox: "scanner@contoso.example", errorText: "535 5.7.139 Authentication unsuccessful" } });
    expect((await waitForTerminal(stack, created.body.id)).status).toBe("awaiting-approval");
    expect((await approver.api(`/api/remediations/${created.body.id}/approve`, { method: "POST" })).status).toBe(200);
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ["disable-security-defaults", "succeeded"],
      ["enable-mailbox-smtp-auth", "succeeded"],
      ["disable-per-user-mfa", "succeeded"],
    ]);
    expect(await settings("contoso-demo", "scanner@contoso.example")).toEqual({ securityDefaults: false, smtpClientAuthenticationDisabled: false, perUserMfaState: "disabled" });
    return created.body.id;
  };

  it("restores every setting to its before-value, newest change first, without a second person, and links both requests", async () => {
    const original = await fixedScanner();
    const undo = await requester.api(`/api/remediations/${original}/undo`, { method: "POST" });
    expect(undo.status).toBe(202);
    expect(undo.headers.location).toBe(undo.body.statusUrl);
    expect(undo.body.undoOf).toBe(original);

    const done = await waitForTerminal(stack, undo.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.policyDecision).toEqual({ verdict: "automatic" });
    expect(done.verification).toBeUndefined();
    expect(done.steps.map((s: { name: string; status: string; before: string; after: string }) => [s.name, s.status, s.before, s.after])).toEqual([
      ["disable-per-user-mfa", "succeeded", "disabled", "enforced"],
      ["enable-mailbox-smtp-auth", "succeeded", "enabled", "disabled"],
      ["disable-security-defaults", "succeeded", "disabled", "enabled"],
    ]);
    expect(await settings("contoso-demo", "scanner@contoso.example")).toEqual({ securityDefaults: true, smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" });

    const originalNow = (await stack.api(`/api/remediations/${original}`)).body;
    expect(originalNow.undoneBy).toBe(undo.body.id);
    expect(done.undoOf).toBe(original);
    expect(originalNow.verification).toMatchObject({ status: "unavailable", reason: `Undone by request ${undo.body.id}.` });

    const originalTrail = (await stack.api(`/api/remediations/${original}/events`)).body.events as Array<{ kind: string; detail?: string }>;
    expect(originalTrail.find((e) => e.kind === "undo-requested")?.detail).toContain(undo.body.id);
    const undoTrail = (await stack.api(`/api/remediations/${undo.body.id}/events`)).body.events as Array<{ kind: string; detail?: string; setting?: string; before?: string; after?: string; requestedBy?: string }>;
    expect(undoTrail.find((e) => e.kind === "accepted")?.detail).toContain(original);
    expect(undoTrail.filter((e) => e.kind === "tenant-changed").map((e) => [e.setting, e.before, e.after])).toEqual([
      ["per-user-mfa", "disabled", "enforced"],
      ["mailbox-smtp-auth", "enabled", "disabled"],
      ["security-defaults", "disabled", "enabled"],
    ]);
    expect(undoTrail.filter((e) => e.kind === "tenant-changed").every((e) => e.requestedBy?.includes(requester.oid))).toBe(true);

    const exceptions = (await stack.api("/api/tenants/contoso-demo/exceptions")).body.exceptions as Array<{ requestId: string; setting: string; closedReason?: string }>;
    expect(exceptions.filter((e) => e.requestId === original).map((e) => [e.setting, e.closedReason]).sort()).toEqual([
      ["mailbox-smtp-auth", "undone"],
      ["per-user-mfa", "undone"],
      ["security-defaults", "undone"],
    ]);

    const again = await requester.api(`/api/remediations/${original}/undo`, { method: "POST" });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "ALREADY_UNDONE" } } });
    const undoOfUndo = await requester.api(`/api/remediations/${undo.body.id}/undo`, { method: "POST" });
    expect(undoOfUndo).toMatchObject({ status: 409, body: { error: { code: "UNDO_NOT_POSSIBLE" } } });
  });

  it("reads before it writes: a setting someone already put back is skipped, the rest restored", async () => {
    const original = await fixedScanner();
    await stack.simApi("/_sim/tenants/contoso-demo", { method: "PATCH", body: { securityDefaults: true } });
    const undo = await requester.api(`/api/remediations/${original}/undo`, { method: "POST" });
    const done = await waitForTerminal(stack, undo.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([
      ["disable-per-user-mfa", "succeeded"],
      ["enable-mailbox-smtp-auth", "succeeded"],
      ["disable-security-defaults", "skipped"],
    ]);
    expect(await settings("contoso-demo", "scanner@contoso.example")).toEqual({ securityDefaults: true, smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" });
  });

  it("puts back a mailbox that had no value of its own: it follows the organisation again ($null)", async () => {
    await stack.simApi("/_sim/tenants/fabrikam-demo/mailboxes/printer@fabrikam.example", { method: "PUT", body: { smtpClientAuthenticationDisabled: null } });
    const created = await requester.api("/api/remediations", { method: "POST", body: { mailbox: "printer@fabrikam.example", errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant." } });
    const fixed = await waitForTerminal(stack, created.body.id);
    expect(fixed.status).toBe("succeeded");
    expect(fixed.steps.find((s: { name: string }) => s.name === "enable-mailbox-smtp-auth")).toMatchObject({ before: "follows organisation (disabled)", after: "enabled" });

    const undo = await requester.api(`/api/remediations/${created.body.id}/undo`, { method: "POST" });
    const done = await waitForTerminal(stack, undo.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps).toEqual([expect.objectContaining({ name: "enable-mailbox-smtp-auth", status: "succeeded", before: "enabled", after: "follows organisation (disabled)", restore: { before: "follows organisation (disabled)" } })]);
    expect((await mailboxState("fabrikam-demo", "printer@fabrikam.example")).smtpClientAuthenticationDisabled).toBeNull();
  });

  it("refuses with 409 a request that changed nothing, one still waiting, and an unknown id with 404; nothing changes", async () => {
    const planOnly = await requester.api("/api/remediations", { method: "POST", body: { mailbox: "app@fabrikam.example", mode: "plan" } });
    await waitForTerminal(stack, planOnly.body.id);
    expect(await requester.api(`/api/remediations/${planOnly.body.id}/undo`, { method: "POST" })).toMatchObject({ status: 409, body: { error: { code: "UNDO_NOTHING_CHANGED" } } });

    await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
    const waiting = await requester.api("/api/remediations", { method: "POST", body: { mailbox: "copier@northwind.example" } });
    expect((await waitForTerminal(stack, waiting.body.id)).status).toBe("awaiting-approval");
    expect(await requester.api(`/api/remediations/${waiting.body.id}/undo`, { method: "POST" })).toMatchObject({ status: 409, body: { error: { code: "UNDO_NOT_FINISHED" } } });
    expect((await stack.api(`/api/remediations/${waiting.body.id}`)).body.undoneBy).toBeUndefined();

    expect(await requester.api("/api/remediations/00000000-0000-0000-0000-000000000000/undo", { method: "POST" })).toMatchObject({ status: 404, body: { error: { code: "REMEDIATION_NOT_FOUND" } } });
  });

  it("takes Remediation.Request: a reader gets 403 and nothing is undone", async () => {
    const reader = await stack.signIn({ upn: "rita.reader@msp.example", roles: ["Remediation.Read"] });
    const res = await reader.api("/api/remediations/00000000-0000-0000-0000-000000000000/undo", { method: "POST" });
    expect(res).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });
});
