import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";
import { OPERATOR_ROLES } from "../../shared/auth/operator-roles";

const HELPDESK_A = "aaaaaaaa-0000-4000-8000-00000000000a";
const HELPDESK_B = "bbbbbbbb-0000-4000-8000-00000000000b";
const SCOPED = "scoped-customer";
const DOMAIN = "scoped.example";
const OPEN = "open-customer";

/** A tenant whose policy names operatorGroups is seen and acted on only by members of those groups. */
describe("operators scoped to tenants (policy operatorGroups, the token's groups claim)", () => {
  let stack: LocalStack;
  let insider: OperatorSession;
  let outsider: OperatorSession;
  let requestId: string;

  beforeAll(async () => {
    stack = await startLocalStack();
    insider = await stack.signIn({ upn: "tech.a@msp.example", roles: [...OPERATOR_ROLES], groups: [HELPDESK_A] });
    outsider = await stack.signIn({ upn: "tech.b@msp.example", roles: [...OPERATOR_ROLES], groups: [HELPDESK_B] });
    for (const [tenantId, domain] of [[SCOPED, DOMAIN], [OPEN, "open.example"]] as const) {
      await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
    }
    await stack.simApi(`/_sim/tenants/${SCOPED}/mailboxes/scan@${DOMAIN}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
    expect((await insider.api(`/api/tenants/${SCOPED}`, { method: "PUT", body: { domains: [DOMAIN], policy: { operatorGroups: [HELPDESK_A.toUpperCase()] } } })).status).toBe(201);
    expect((await insider.api(`/api/tenants/${OPEN}`, { method: "PUT", body: { domains: ["open.example"] } })).status).toBe(201);
    const created = await insider.api("/api/remediations", { method: "POST", body: { mailbox: `scan@${DOMAIN}`, mode: "plan" } });
    expect(created.status).toBe(202);
    requestId = created.body.id;
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("lists the tenant, its requests and its audit line to a member only", async () => {
    const ids = (session: OperatorSession) => session.api("/api/tenants").then((r) => r.body.tenants.map((t: { tenantId: string }) => t.tenantId));
    expect(await ids(insider)).toEqual(expect.arrayContaining([SCOPED, OPEN]));
    expect(await ids(outsider)).toEqual([OPEN]);
    const listed = await outsider.api("/api/remediations");
    expect(listed.body.remediations.map((r: { id: string }) => r.id)).not.toContain(requestId);
    expect((await insider.api("/api/remediations")).body.remediations.map((r: { id: string }) => r.id)).toContain(requestId);
    const overview = await outsider.api("/api/audits?latest=true");
    expect(overview.body.tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual([OPEN]);
  });

  it("answers 403 TENANT_NOT_IN_SCOPE to an outsider on every route naming the tenant or its request, and changes nothing", async () => {
    const attempts = [
      outsider.api(`/api/tenants/${SCOPED}/exceptions`),
      outsider.api(`/api/tenants/${SCOPED}/readiness`),
      outsider.api(`/api/audits/${SCOPED}/latest`),
      outsider.api(`/api/remediations?tenantId=${SCOPED}`),
      outsider.api(`/api/remediations/${requestId}`),
      outsider.api(`/api/remediations/${requestId}/events`),
      outsider.api(`/api/remediations/${requestId}/approve`, { method: "POST", body: {} }),
      outsider.api(`/api/tenants/${SCOPED}`, { method: "PUT", body: { domains: [DOMAIN], policy: { operatorGroups: [] } } }),
      outsider.api(`/api/tenants/${SCOPED}`, { method: "DELETE" }),
      outsider.api(`/api/tenants/${SCOPED}/events`),
      outsider.api(`/api/tenants/${SCOPED}/policy-changes/00000000-0000-0000-0000-000000000000/approve`, { method: "POST" }),
      outsider.api(`/api/tenants/${SCOPED}/webhook-secrets/generic`, { method: "POST" }),
      outsider.api("/api/remediations", { method: "POST", body: { mailbox: `scan@${DOMAIN}` } }),
      outsider.api("/api/remediations", { method: "POST", body: { tenantId: SCOPED, mailbox: `scan@${DOMAIN}` } }),
      outsider.api("/api/diagnose", { method: "POST", body: { mailbox: `scan@${DOMAIN}` } }),
    ];
    for (const res of await Promise.all(attempts)) expect([res.status, res.body?.error?.code]).toEqual([403, "TENANT_NOT_IN_SCOPE"]);
    const tenant = (await insider.api("/api/tenants")).body.tenants.find((t: { tenantId: string }) => t.tenantId === SCOPED);
    expect(tenant.policy.operatorGroups).toEqual([HELPDESK_A]);
    const requests = await insider.api(`/api/remediations?tenantId=${SCOPED}`);
    expect(requests.body.remediations.map((r: { id: string }) => r.id)).toEqual([requestId]);
  });

  it("lets a member act as usual", async () => {
    expect((await insider.api(`/api/remediations/${requestId}`)).status).toBe(200);
    expect((await insider.api(`/api/tenants/${SCOPED}/exceptions`)).status).toBe(200);
  });
});
