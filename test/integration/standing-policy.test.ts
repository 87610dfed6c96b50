import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";

/** The sample settings' generic webhook secret (local.settings.sample.json), which the local stack loads. */
const GENERIC_SECRET = "local-dev-generic-secret-0123456789abcdef";
const FLAG_ONLY = { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled" };
const FLAG_AND_MFA = { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" };
let counter = 0;

describe("the standing policy: what runs without a person, from the API and from a signed ticket alike", () => {
  let stack: LocalStack;
  let requester: OperatorSession;
  let approver: OperatorSession;

  /** A simulated tenant onboarded with `policy`, and one mailbox per given state. */
  const tenantWith = async (policy: Record<string, unknown> | ((domain: string) => Record<string, unknown>), mailboxes: Record<string, Record<string, unknown>>): Promise<{ tenantId: string; domain: string }> => {
    const tenantId = `policy-${++counter}`;
    const domain = `${tenantId}.example`;
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true } });
    for (const [name, state] of Object.entries(mailboxes)) {
      await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${name}@${domain}`, { method: "PUT", body: { licensed: true, accountEnabled: true, ...state } });
    }
    const put = await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: typeof policy === "function" ? policy(domain) : policy } });
    expect(put.status).toBe(201);
    return { tenantId, domain };
  };
  const mailboxState = async (tenantId: string, upn: string) => (await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`)).body;
  const viaApi = async (mailbox: string, who = requester) => {
    const res = await who.api("/api/remediations", { method: "POST", body: { mailbox } });
    expect(res.status).toBe(202);
    return waitForTerminal(stack, res.body.id);
  };
  const ticket = (ticketId: string, mailbox: string, extra: Record<string, unknown> = {}) =>
    stack.anonymousApi("/api/webhooks/generic", { method: "POST", headers: { authorization: `Bearer ${GENERIC_SECRET}` }, body: { ticketId, mailbox, description: "535 5.7.139 Authentication unsuccessful", requester: "facilities@customer.example", ...extra } });
  const viaTicket = async (ticketId: string, mailbox: string) => {
    const res = await ticket(ticketId, mailbox);
    expect(res.status).toBe(202);
    return waitForTerminal(stack, res.body.id);
  };
  const applied = (done: any) => done.steps.filter((s: any) => s.status === "succeeded").map((s: any) => s.name);

  beforeAll(async () => {
    stack = await startLocalStack({ settings: { WEBHOOK_SHARED_ROUTE: "on" } });
    requester = await stack.signIn({ upn: "desk@msp.example", roles: ["Remediation.Read", "Remediation.Request", "Remediation.Approve", "Tenant.Manage"] });
    approver = await stack.signIn({ upn: "senior@msp.example", roles: ["Remediation.Read", "Remediation.Approve"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("under the default policy (no device accounts) runs nothing alone: a mailbox that needs only its SMTP flag waits with nothing applied, from the API and from a signed ticket", async () => {
    const { tenantId, domain } = await tenantWith({}, { api: FLAG_ONLY, ticket: FLAG_ONLY });
    const fromApi = await viaApi(`api@${domain}`);
    const fromTicket = await viaTicket(`T-${counter}-1`, `ticket@${domain}`);
    for (const done of [fromApi, fromTicket]) {
      expect([done.status, applied(done), done.policyDecision.verdict]).toEqual(["awaiting-approval", [], "await-approval"]);
      expect(done.reasonCode.parts).toContainEqual({ code: "no-device-accounts" });
      expect(done.reason).toMatch(/names no device accounts/);
    }
    expect(fromTicket).toMatchObject({ ticket: { system: "generic", id: `T-${counter}-1` }, ticketRequester: "facilities@customer.example" });
    for (const upn of [`api@${domain}`, `ticket@${domain}`]) expect((await mailboxState(tenantId, upn)).smtpClientAuthenticationDisabled).toBe(true);
  });

  it("with deviceAccounts fixes a scanner on its own, from the API and from a ticket of the tenant's own people, while a person's mailbox still waits", async () => {
    const { tenantId, domain } = await tenantWith((d) => ({ deviceAccounts: [`scan*@${d}`] }), { scan01: FLAG_ONLY, scan02: FLAG_ONLY, alice: FLAG_ONLY });
    const fromApi = await viaApi(`scan01@${domain}`);
    const res = await ticket(`T-${counter}-dev`, `scan02@${domain}`, { requester: `facilities@${domain}` });
    expect(res.status).toBe(202);
    const fromTicket = await waitForTerminal(stack, res.body.id);
    for (const done of [fromApi, fromTicket]) expect([done.status, applied(done), done.policyDecision.verdict]).toEqual(["succeeded", ["enable-mailbox-smtp-auth"], "automatic"]);
    const person = await viaApi(`alice@${domain}`);
    expect([person.status, applied(person)]).toEqual(["awaiting-approval", []]);
    expect(person.reasonCode.parts).toContainEqual(expect.objectContaining({ code: "not-device-account" }));
    expect((await mailboxState(tenantId, `alice@${domain}`)).smtpClientAuthenticationDisabled).toBe(true);
  });

  it("treats a device-pattern mailbox whose user signed in from a browser within 30 days as a person's: it waits; an older browser sign-in does not count", async () => {
    const { tenantId, domain } = await tenantWith({ deviceAccounts: ["scan*@*"] }, { scanrecent: FLAG_ONLY, scanold: FLAG_ONLY });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const signIns = [
      { userPrincipalName: `scanrecent@${domain}`, clientAppUsed: "Browser", createdDateTime: daysAgo(3) },
      { userPrincipalName: `scanold@${domain}`, clientAppUsed: "Browser", createdDateTime: daysAgo(31) },
    ];
    expect((await stack.simApi(`/_sim/tenants/${tenantId}/sign-ins`, { method: "POST", body: signIns })).status).toBeLessThan(300);
    const recent = await viaApi(`scanrecent@${domain}`);
    expect([recent.status, applied(recent)]).toEqual(["awaiting-approval", []]);
    expect(recent.reasonCode.parts).toContainEqual({ code: "person-signed-in", params: { mailbox: `scanrecent@${domain}`, days: 30 } });
    expect(recent.reason).toMatch(/signed in interactively/);
    expect((await mailboxState(tenantId, `scanrecent@${domain}`)).smtpClientAuthenticationDisabled).toBe(true);
    expect((await viaApi(`scanold@${domain}`)).status).toBe("succeeded");
  });

  it("treats a device-pattern mailbox as a person's when the sign-in log cannot be read", async () => {
    const { tenantId, domain } = await tenantWith({ deviceAccounts: ["scan*@*"] }, { scan01: FLAG_ONLY });
    await stack.simApi(`/_sim/tenants/${tenantId}`, { method: "PATCH", body: { signInLogs: false } });
    const done = await viaApi(`scan01@${domain}`);
    expect([done.status, applied(done)]).toEqual(["awaiting-approval", []]);
    expect(done.reasonCode.parts).toContainEqual({ code: "sign-ins-unknown", params: { mailbox: `scan01@${domain}` } });
  });

  it("under the default policy stops a mailbox that also needs per-user MFA off at awaiting-approval with nothing applied, from the API and from a signed ticket", async () => {
    const { tenantId, domain } = await tenantWith({}, { api: FLAG_AND_MFA, ticket: FLAG_AND_MFA });
    const fromApi = await viaApi(`api@${domain}`);
    const fromTicket = await viaTicket(`T-${counter}-2`, `ticket@${domain}`);
    for (const done of [fromApi, fromTicket]) {
      expect([done.status, applied(done)]).toEqual(["awaiting-approval", []]);
      expect(done.approvalRequest.plan.steps).toEqual(["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
      expect(done.reason).toMatch(/disable-per-user-mfa may not run without a person/);
    }
    for (const upn of [`api@${domain}`, `ticket@${domain}`]) expect(await mailboxState(tenantId, upn)).toMatchObject(FLAG_AND_MFA);

    expect((await requester.api(`/api/remediations/${fromApi.id}/approve`, { method: "POST" })).body.error.code).toBe("SELF_APPROVAL");
    for (const id of [fromApi.id, fromTicket.id]) {
      expect((await approver.api(`/api/remediations/${id}/approve`, { method: "POST", body: { comment: "device account, checked" } })).status).toBe(200);
      const done = await waitForTerminal(stack, id);
      expect([done.status, applied(done), done.policyDecision.verdict]).toEqual(["succeeded", ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], "approved"]);
      expect(done.approval.by).toEqual({ oid: approver.oid, upn: "senior@msp.example" });
    }
    expect((await stack.api(`/api/remediations/${fromApi.id}`)).body.requestedBy).toEqual({ oid: requester.oid, upn: "desk@msp.example" });
  });

  it("runs automatic steps only for device accounts when deviceAccounts is set, and never weakens a protected account, not even with approval", async () => {
    const { tenantId, domain } = await tenantWith({ deviceAccounts: ["scan*@*"], protectedAccounts: ["ceo@*"] }, { scan01: FLAG_ONLY, laptop: FLAG_ONLY, ceo: FLAG_ONLY });
    expect((await viaApi(`scan01@${domain}`)).status).toBe("succeeded");
    const other = await viaApi(`laptop@${domain}`);
    expect([other.status, other.reason]).toEqual(["awaiting-approval", expect.stringMatching(/not one of this tenant's device accounts/)]);
    const ceo = await viaApi(`ceo@${domain}`);
    expect([ceo.status, ceo.policyDecision.verdict, applied(ceo)]).toEqual(["needs-attention", "protected", []]);
    expect((await approver.api(`/api/remediations/${ceo.id}/approve`, { method: "POST" })).body.error.code).toBe("NOT_AWAITING_APPROVAL");
    expect((await mailboxState(tenantId, `ceo@${domain}`)).smtpClientAuthenticationDisabled).toBe(true);
  });

  it("counts automatic steps per tenant and day: at maxAutomaticPerDay the next request waits for a person", async () => {
    const { domain } = await tenantWith({ maxAutomaticPerDay: 2, deviceAccounts: ["*@*"] }, { a: FLAG_ONLY, b: FLAG_ONLY, c: FLAG_ONLY });
    expect((await viaApi(`a@${domain}`)).status).toBe("succeeded");
    expect((await viaApi(`b@${domain}`)).status).toBe("succeeded");
    const third = await viaApi(`c@${domain}`);
    expect([third.status, third.reason]).toEqual(["awaiting-approval", expect.stringMatching(/used up \(2 of 2/)]);
  });

  it("binds an approval to the plan shown: when re-diagnosis would weaken more, the request waits again", async () => {
    const { tenantId, domain } = await tenantWith({ deviceAccounts: ["scan*@*"] }, { laptop: FLAG_ONLY });
    const waiting = await viaApi(`laptop@${domain}`);
    expect(waiting.approvalRequest.plan.steps).toEqual(["enable-mailbox-smtp-auth"]);
    // Between the request and the approval, per-user MFA gets enforced: the approved plan no longer covers the fix.
    await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/laptop@${domain}`, { method: "PUT", body: { perUserMfaState: "enforced" } });
    expect((await approver.api(`/api/remediations/${waiting.id}/approve`, { method: "POST" })).status).toBe(200);
    const again = await waitForTerminal(stack, waiting.id);
    expect([again.status, applied(again)]).toEqual(["awaiting-approval", []]);
    expect(again.reason).toMatch(/now needs more than was approved/);
    expect(again.approvalRequest.plan.steps).toEqual(["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
    expect(await mailboxState(tenantId, `laptop@${domain}`)).toMatchObject(FLAG_AND_MFA);
  });

  it("ends an undecided request rejected after approvalHours, with the reason, changing nothing", async () => {
    const { tenantId, domain } = await tenantWith({ approvalHours: 0.0005 }, { slow: FLAG_AND_MFA });
    const waiting = await viaApi(`slow@${domain}`);
    expect(waiting.status).toBe("awaiting-approval");
    const deadline = Date.now() + 20_000;
    let current = waiting;
    while (current.status === "awaiting-approval" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      current = (await stack.api(`/api/remediations/${waiting.id}`)).body;
    }
    expect([current.status, current.reason]).toEqual(["rejected", expect.stringMatching(/Nobody approved or rejected it before .* \(the tenant's approvalHours\)/)]);
    expect(await mailboxState(tenantId, `slow@${domain}`)).toMatchObject(FLAG_AND_MFA);
  });
});

describe("tickets, idempotency keys and domains cannot be claimed", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ settings: { WEBHOOK_SHARED_ROUTE: "on" } });
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: "claims", domain: "claims.example", mailboxes: 0, securityDefaults: false } });
    await stack.simApi("/_sim/tenants/claims/mailboxes/printer@claims.example", { method: "PUT", body: { ...FLAG_ONLY, licensed: true } });
    expect((await stack.api("/api/tenants/claims", { method: "PUT", body: { domains: ["claims.example"], policy: { deviceAccounts: ["printer*@claims.example"] } } })).status).toBe(201);
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("keeps a made-up ticket on an API request as a claim only: the real signed webhook for that ticket gets its own request", async () => {
    const claimed = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "printer@claims.example", mode: "plan", ticket: { system: "generic", id: "REAL-1" } } });
    expect(claimed.status).toBe(202);
    expect(claimed.body.request).toMatchObject({ claimedTicket: { system: "generic", id: "REAL-1" } });
    expect(claimed.body.request.ticket).toBeUndefined();
    const real = await stack.anonymousApi("/api/webhooks/generic", { method: "POST", headers: { authorization: `Bearer ${GENERIC_SECRET}` }, body: { ticketId: "REAL-1", mailbox: "printer@claims.example", description: "535 5.7.139", requester: "facilities@claims.example" } });
    expect(real.status).toBe(202);
    expect(real.body.id).not.toBe(claimed.body.id);
    const done = await waitForTerminal(stack, real.body.id);
    expect(done).toMatchObject({ status: "succeeded", ticket: { system: "generic", id: "REAL-1" }, source: "webhook:generic" });
  });

  it("scopes an Idempotency-Key to its caller and answers 409 for the same key with another body", async () => {
    const first = await stack.signIn({ upn: "one@msp.example", roles: ["Remediation.Request"] });
    const second = await stack.signIn({ upn: "two@msp.example", roles: ["Remediation.Request"] });
    const body = { mailbox: "printer@claims.example", mode: "plan", errorText: "535 5.7.139" };
    const headers = { "idempotency-key": "same-key" };
    const a = await first.api("/api/remediations", { method: "POST", body, headers });
    const again = await first.api("/api/remediations", { method: "POST", body, headers });
    const other = await second.api("/api/remediations", { method: "POST", body, headers });
    expect([a.status, again.status, other.status]).toEqual([202, 202, 202]);
    expect(again.body.id).toBe(a.body.id);
    expect(other.body.id).not.toBe(a.body.id);
    const changed = await first.api("/api/remediations", { method: "POST", body: { ...body, errorText: "550 5.7.30" }, headers });
    expect(changed).toMatchObject({ status: 409, body: { error: { code: "IDEMPOTENCY_CONFLICT" } } });
  });

  it("refuses at onboarding a domain the tenant has not verified, naming it", async () => {
    const res = await stack.api("/api/tenants/claims", { method: "PUT", body: { domains: ["claims.example", "bank.example"] } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "DOMAIN_NOT_VERIFIED", details: { notVerified: ["bank.example"] } } } });
    expect(res.body.error.message).toContain("claims.example");
    expect((await stack.api("/api/tenants")).body.tenants.find((t: any) => t.tenantId === "claims").domains).toEqual(["claims.example"]);
  });

  it("onboards a tenant it cannot read yet as unreadable, says so, and refuses remediations for it until it can be read", async () => {
    const put = await stack.api("/api/tenants/not-consented", { method: "PUT", body: { domains: ["not-consented.example"] } });
    expect(put.status).toBe(201);
    expect(put.body.verification).toMatchObject({ status: "unreadable", reason: expect.stringMatching(/could not be read.*Grant the app consent/) });
    const refused = await stack.api("/api/remediations", { method: "POST", body: { mailbox: "printer@not-consented.example" } });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "TENANT_NOT_VERIFIED" } } });
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: "not-consented", domain: "not-consented.example", mailboxes: 1 } });
    expect((await stack.api("/api/tenants/not-consented", { method: "PUT", body: { domains: ["not-consented.example"] } })).body.verification.status).toBe("verified");
    expect((await stack.api("/api/remediations", { method: "POST", body: { mailbox: "printer@not-consented.example", mode: "plan" } })).status).toBe(202);
  });
});
