import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import type { OperatorSession } from "../../dev/operator-session";

const WRITE = /^(PATCH |InvokeCommand Set-)/;
const FLAG_ONLY = { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true, accountEnabled: true };
let counter = 0;

describe("policy patterns match the account an address resolves to, not the address as typed", () => {
  let stack: LocalStack;
  let requester: OperatorSession;

  /** A simulated tenant onboarded with the policy `policyOf(domain)`, and one mailbox per name (with its proxy addresses). */
  const tenantWith = async (policyOf: (domain: string) => Record<string, unknown>, mailboxes: Record<string, string[]>) => {
    const tenantId = `proxy-${++counter}`;
    const domain = `${tenantId}.example`;
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true } });
    for (const [name, aliases] of Object.entries(mailboxes)) {
      const put = await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${name}@${domain}`, { method: "PUT", body: { ...FLAG_ONLY, proxyAddresses: aliases.map((a) => `${a}@${domain}`) } });
      expect(put.status).toBe(200);
    }
    expect((await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: policyOf(domain) } })).status).toBe(201);
    return { tenantId, domain };
  };
  /** Runs a request for the address to its end; returns it with the writes the simulator saw for the tenant. */
  const remediate = async (tenantId: string, mailbox: string) => {
    const res = await requester.api("/api/remediations", { method: "POST", body: { mailbox } });
    expect(res.status).toBe(202);
    const done = await waitForTerminal(stack, res.body.id, 60_000);
    const log = (await stack.simApi(`/_sim/calls?log=1&tenantId=${tenantId}`)).body.log as Array<{ operation: string }>;
    return { done, writes: log.map((c) => c.operation).filter((op) => WRITE.test(op)) };
  };
  const flagOf = async (tenantId: string, upn: string) => (await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`)).body.smtpClientAuthenticationDisabled;

  beforeAll(async () => {
    stack = await startLocalStack();
    requester = await stack.signIn({ upn: "desk@msp.example", roles: ["Remediation.Read", "Remediation.Request", "Remediation.Approve", "Tenant.Manage"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("A protected account named by a proxy address is refused with nothing applied", async () => {
    // Every account is a device here, so only the protection stands between the alias and a write.
    const { tenantId, domain } = await tenantWith((d) => ({ protectedAccounts: [`ceo@${d}`], deviceAccounts: ["*@*"] }), { ceo: ["boss", "ceo.office"] });
    for (const alias of ["boss", "ceo.office"]) {
      const { done, writes } = await remediate(tenantId, `${alias}@${domain}`);
      expect([done.status, done.policyDecision?.verdict, writes]).toEqual(["needs-attention", "protected", []]);
      expect(done.reasonCode).toMatchObject({ code: "protected-account" });
      expect(done.steps.filter((s: any) => s.status === "succeeded")).toEqual([]);
    }
    expect(await flagOf(tenantId, `ceo@${domain}`)).toBe(true);
  }, 90_000);

  it("A deviceAccounts pattern matching only an alias does not make a person's mailbox automatic; a scanner named by an alias is fixed on its own mailbox", async () => {
    const { tenantId, domain } = await tenantWith((d) => ({ deviceAccounts: [`scan*@${d}`] }), { alice: ["scanner"], scan01: ["frontdesk-printer"] });
    const person = await remediate(tenantId, `scanner@${domain}`);
    expect([person.done.status, person.done.policyDecision?.verdict, person.writes]).toEqual(["awaiting-approval", "await-approval", []]);
    expect(person.done.reasonCode.parts).toContainEqual(expect.objectContaining({ code: "not-device-account" }));
    expect(await flagOf(tenantId, `alice@${domain}`)).toBe(true);

    const device = await remediate(tenantId, `frontdesk-printer@${domain}`);
    expect([device.done.status, device.done.policyDecision?.verdict, device.writes]).toEqual(["succeeded", "automatic", ["InvokeCommand Set-CASMailbox"]]);
    expect([await flagOf(tenantId, `scan01@${domain}`), await flagOf(tenantId, `alice@${domain}`)]).toEqual([false, true]);
  }, 90_000);
});
