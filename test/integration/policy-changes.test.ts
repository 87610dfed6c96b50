import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";

const FLAG_AND_MFA = { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true };
let counter = 0;

describe("policy changes are events, and loosening needs a second person", () => {
  let stack: LocalStack;
  let author: OperatorSession;
  let second: OperatorSession;

  /** A simulated tenant onboarded by the author with its scanners as device accounts. */
  const onboarded = async (policy: Record<string, unknown> = {}): Promise<{ tenantId: string; domain: string; policy: Record<string, unknown> }> => {
    const tenantId = `changes-${++counter}`;
    const domain = `${tenantId}.example`;
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
    const full = { deviceAccounts: [`scan*@${domain}`], ...policy };
    const put = await author.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: full } });
    expect(put.status).toBe(201); // the first onboarding applies at once
    return { tenantId, domain, policy: full };
  };
  const policyOf = async (tenantId: string) => (await stack.api("/api/tenants")).body.tenants.find((t: any) => t.tenantId === tenantId).policy;
  const eventsOf = async (tenantId: string) => {
    const res = await stack.api(`/api/tenants/${tenantId}/events`);
    expect(res.status).toBe(200);
    return res.body.events as any[];
  };
  const remediate = async (mailbox: string) => waitForTerminal(stack, (await stack.api("/api/remediations", { method: "POST", body: { mailbox } })).body.id);

  beforeAll(async () => {
    stack = await startLocalStack();
    author = await stack.signIn({ upn: "author@msp.example", roles: ["Tenant.Manage", "Remediation.Read"] });
    second = await stack.signIn({ upn: "second@msp.example", roles: ["Tenant.Manage"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("answers 202 to adding disable-per-user-mfa to autoApprove, changes nothing until another Tenant.Manage holder approves; its author gets 403; both are events", async () => {
    const { tenantId, domain, policy } = await onboarded();
    for (const name of ["scan01", "scan02"]) await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${name}@${domain}`, { method: "PUT", body: FLAG_AND_MFA });
    const looser = { ...policy, autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] };
    const asked = await author.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: looser } });
    expect(asked).toMatchObject({ status: 202, body: { status: "awaiting-approval", changeId: expect.any(String), loosens: ["autoApprove"] } });
    const { changeId } = asked.body;
    expect((await policyOf(tenantId)).autoApprove).toEqual(["enable-mailbox-smtp-auth"]);
    expect((await remediate(`scan01@${domain}`)).status).toBe("awaiting-approval"); // MFA still needs a person

    const approveUrl = `/api/tenants/${tenantId}/policy-changes/${changeId}/approve`;
    expect(await author.api(approveUrl, { method: "POST" })).toMatchObject({ status: 403, body: { error: { code: "SELF_APPROVAL" } } });
    expect((await policyOf(tenantId)).autoApprove).toEqual(["enable-mailbox-smtp-auth"]);

    const approved = await second.api(approveUrl, { method: "POST" });
    expect(approved).toMatchObject({ status: 200, body: { status: "applied", changeId, requestedBy: { oid: author.oid }, approvedBy: { oid: second.oid } } });
    expect((await policyOf(tenantId)).autoApprove).toEqual(["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
    const done = await remediate(`scan02@${domain}`);
    expect([done.status, done.policyDecision.verdict]).toEqual(["succeeded", "automatic"]);
    expect(await second.api(approveUrl, { method: "POST" })).toMatchObject({ status: 409, body: { error: { code: "POLICY_CHANGE_NOT_PENDING" } } });

    const events = await eventsOf(tenantId);
    expect(events.map((e) => e.kind)).toEqual(["policy-change-approved", "policy-change-requested", "tenant-onboarded"]);
    expect(events[1]).toMatchObject({ changeId, by: { oid: author.oid, upn: "author@msp.example" }, loosens: ["autoApprove"], before: { policy: { autoApprove: ["enable-mailbox-smtp-auth"] } }, after: { policy: { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] } } });
    expect(events[0]).toMatchObject({ changeId, by: { oid: second.oid }, requestedBy: { oid: author.oid }, after: { policy: { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] } } });
  });

  it("applies a tightening at once, recorded with who and the policy before and after", async () => {
    const { tenantId, domain, policy } = await onboarded({ maxAutomaticPerDay: 10 });
    const tighter = await author.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { ...policy, maxAutomaticPerDay: 5, protectedAccounts: [`ceo@${domain}`] } } });
    expect(tighter.status).toBe(200);
    expect(await policyOf(tenantId)).toMatchObject({ maxAutomaticPerDay: 5, protectedAccounts: [`ceo@${domain}`] });
    const [latest] = await eventsOf(tenantId);
    expect(latest).toMatchObject({ kind: "tenant-changed", by: { oid: author.oid }, before: { policy: { maxAutomaticPerDay: 10, protectedAccounts: [] } }, after: { policy: { maxAutomaticPerDay: 5 } } });
  });

  it("holds each kind of loosening for a second person, a PUT that leaves a loosened field out included", async () => {
    const group = "33333333-3333-3333-3333-333333333333";
    const { tenantId, domain, policy } = await onboarded({ protectedAccounts: ["ceo@*"] });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...policy, allowTenantWideChanges: true }, "allowTenantWideChanges"],
      [{ ...policy, maxAutomaticPerDay: 26 }, "maxAutomaticPerDay"],
      [{ ...policy, approvalHours: 96 }, "approvalHours"],
      [{ ...policy, deviceAccounts: [`scan*@${domain}`, `*@${domain}`] }, "deviceAccounts"],
      [{ deviceAccounts: policy.deviceAccounts }, "protectedAccounts"],
    ];
    for (const [body, field] of cases) {
      const res = await author.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: body } });
      expect([res.status, res.body.loosens], field).toEqual([202, [field]]);
    }
    expect(await policyOf(tenantId)).toMatchObject({ allowTenantWideChanges: false, maxAutomaticPerDay: 25, approvalHours: 72, deviceAccounts: [`scan*@${domain}`], protectedAccounts: ["ceo@*"] });
    // Scoping the tenant to a group narrows who may act: at once. Removing the group widens it again: held.
    const member = await stack.signIn({ upn: "member@msp.example", roles: ["Tenant.Manage"], groups: [group] });
    const scoped = await member.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { ...policy, operatorGroups: [group] } } });
    expect(scoped.status).toBe(200);
    const unscoped = await member.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy } });
    expect([unscoped.status, unscoped.body.loosens]).toEqual([202, ["operatorGroups"]]);
  });

  it("expires a pending change after the tenant's approvalHours, or once the tenant changed since: approving it then answers 409 and changes nothing", async () => {
    const { tenantId, domain, policy } = await onboarded({ approvalHours: 0.0005 });
    const asked = await author.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { ...policy, allowTenantWideChanges: true } } });
    expect(asked.status).toBe(202);
    await new Promise((r) => setTimeout(r, 2_500));
    const late = await second.api(`/api/tenants/${tenantId}/policy-changes/${asked.body.changeId}/approve`, { method: "POST" });
    expect(late).toMatchObject({ status: 409, body: { error: { code: "POLICY_CHANGE_NOT_PENDING", message: expect.stringMatching(/expired: nobody approved it before/) } } });
    expect((await policyOf(tenantId)).allowTenantWideChanges).toBe(false);
    expect((await eventsOf(tenantId))[0]).toMatchObject({ kind: "policy-change-expired", changeId: asked.body.changeId });

    const { tenantId: other, domain: otherDomain, policy: otherPolicy } = await onboarded();
    const pending = await author.api(`/api/tenants/${other}`, { method: "PUT", body: { domains: [otherDomain], policy: { ...otherPolicy, maxAutomaticPerDay: 50 } } });
    expect((await author.api(`/api/tenants/${other}`, { method: "PUT", body: { domains: [otherDomain], policy: { ...otherPolicy, maxAutomaticPerDay: 3 } } })).status).toBe(200);
    const stale = await second.api(`/api/tenants/${other}/policy-changes/${pending.body.changeId}/approve`, { method: "POST" });
    expect(stale).toMatchObject({ status: 409, body: { error: { message: expect.stringMatching(/tenant changed after it was asked for/) } } });
    expect((await policyOf(other)).maxAutomaticPerDay).toBe(3);
  });

  it("answers 404 for an unknown change and 403 to an approver without Tenant.Manage", async () => {
    const { tenantId, domain, policy } = await onboarded();
    const asked = await author.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { ...policy, approvalHours: 100 } } });
    const approver = await stack.signIn({ upn: "approver@msp.example", roles: ["Remediation.Approve"] });
    expect(await approver.api(`/api/tenants/${tenantId}/policy-changes/${asked.body.changeId}/approve`, { method: "POST" })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect(await second.api(`/api/tenants/${tenantId}/policy-changes/00000000-0000-0000-0000-000000000000/approve`, { method: "POST" })).toMatchObject({ status: 404, body: { error: { code: "POLICY_CHANGE_NOT_FOUND" } } });
    expect((await policyOf(tenantId)).approvalHours).toBe(72);
  });

  it("records issuing, rotating and revoking a webhook secret and offboarding, and keeps the events after offboarding", async () => {
    const { tenantId } = await onboarded();
    expect((await author.api(`/api/tenants/${tenantId}/webhook-secrets/generic`, { method: "POST" })).status).toBe(201);
    expect((await author.api(`/api/tenants/${tenantId}/webhook-secrets/generic`, { method: "POST" })).status).toBe(200);
    expect((await second.api(`/api/tenants/${tenantId}/webhook-secrets/generic`, { method: "DELETE" })).status).toBe(204);
    expect((await second.api(`/api/tenants/${tenantId}`, { method: "DELETE" })).status).toBe(204);
    const events = await eventsOf(tenantId);
    expect(events.map((e) => [e.kind, e.by.upn, e.system])).toEqual([
      ["tenant-offboarded", "second@msp.example", undefined],
      ["webhook-secret-revoked", "second@msp.example", "generic"],
      ["webhook-secret-rotated", "author@msp.example", "generic"],
      ["webhook-secret-issued", "author@msp.example", "generic"],
      ["tenant-onboarded", "author@msp.example", undefined],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/"secret"/);
    expect(events[0].before).toMatchObject({ tenantId });
  });
});
