import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { FakeTicketServer } from "../unit/tickets/support/fake-ticket-server";

/** The sample settings' generic webhook secret (local.settings.sample.json), which the local stack loads. */
const GENERIC_SECRET = "local-dev-generic-secret-0123456789abcdef";
const TENANT = "requesters";
const DOMAIN = "requesters.example";
const FLAG_ONLY = { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true };

describe("tickets don't choose whom to weaken: a requester outside the tenant only asks", () => {
  let stack: LocalStack;
  const notes = new FakeTicketServer();
  let counter = 0;

  /** A signed generic ticket about one of the tenant's scanners (a device account), from `requester`. */
  const ticketFrom = async (requester: string | undefined): Promise<{ done: any; ticketId: string; mailbox: string }> => {
    const n = ++counter;
    const mailbox = `scan${n}@${DOMAIN}`;
    await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${mailbox}`, { method: "PUT", body: FLAG_ONLY });
    const ticketId = `REQ-${n}`;
    const body = { ticketId, mailbox, description: `${mailbox}: 535 5.7.139 Authentication unsuccessful`, ...(requester ? { requester } : {}) };
    const res = await stack.anonymousApi("/api/webhooks/generic", { method: "POST", headers: { authorization: `Bearer ${GENERIC_SECRET}` }, body });
    expect(res.status).toBe(202);
    return { done: await waitForTerminal(stack, res.body.id), ticketId, mailbox };
  };
  const notesOn = async (ticketId: string, count: number): Promise<string[]> => {
    const texts = () => notes.calls.map((c) => c.body as { ticketId: string; text: string }).filter((b) => b.ticketId === ticketId).map((b) => b.text);
    await expect.poll(() => texts().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    return texts();
  };
  const flagOf = async (mailbox: string) => (await stack.simApi(`/_sim/tenants/${TENANT}/mailboxes/${mailbox}`)).body.smtpClientAuthenticationDisabled;

  beforeAll(async () => {
    const url = await notes.start();
    stack = await startLocalStack({ settings: { WEBHOOK_SHARED_ROUTE: "on", TICKET_GENERIC_CALLBACK_URL: `${url}/notes`, TICKET_AGENT_DOMAINS: "helpdesk.msp.example" } });
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: 0, securityDefaults: false } });
    expect((await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], policy: { deviceAccounts: [`scan*@${DOMAIN}`] } } })).status).toBe(201);
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
    await notes.stop();
  });

  it("holds a ticket from outside the tenant's domains for a second person, changes nothing, and says why on the ticket", async () => {
    const { done, ticketId, mailbox } = await ticketFrom("someone@outside.example");
    expect([done.status, done.steps.filter((s: any) => s.status === "succeeded")]).toEqual(["awaiting-approval", []]);
    expect(done.reasonCode.parts).toContainEqual({ code: "ticket-from-outsider", params: { requester: "someone@outside.example" } });
    expect(await flagOf(mailbox)).toBe(true);
    const [note] = await notesOn(ticketId, 1);
    expect(note).toContain("raised by someone@outside.example, who is neither in this tenant's domains nor an agent of the ticket system");

    const approver = await stack.signIn({ upn: "second.person@msp.example", roles: ["Remediation.Approve"] });
    expect((await approver.api(`/api/remediations/${done.id}/approve`, { method: "POST", body: {} })).status).toBe(200);
    expect((await waitForTerminal(stack, done.id)).status).toBe("succeeded");
    expect(await flagOf(mailbox)).toBe(false);
  });

  it("holds a ticket that names no requester: nobody known asked", async () => {
    const { done, mailbox } = await ticketFrom(undefined);
    expect(done.status).toBe("awaiting-approval");
    expect(done.reasonCode.parts).toContainEqual({ code: "ticket-requester-unknown" });
    expect(await flagOf(mailbox)).toBe(true);
  });

  it("fixes a device on its own for a ticket from the tenant's own people or from an agent of the ticket system", async () => {
    for (const requester of [`facilities@${DOMAIN}`, "Tech@HelpDesk.MSP.example"]) {
      const { done, mailbox } = await ticketFrom(requester);
      expect([done.status, done.policyDecision.verdict], requester).toEqual(["succeeded", "automatic"]);
      expect(await flagOf(mailbox)).toBe(false);
    }
  });
});
