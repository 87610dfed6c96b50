import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { FakeTicketServer, type ReceivedCall } from "../unit/tickets/support/fake-ticket-server";
import { SECRETS, signedHeaders } from "../unit/tickets/support/deliveries";

type LoopingSystem = "servicenow" | "freshservice" | "halopsa";

/**
 * Each system as it behaves after the app writes a note: ServiceNow's Business Rule (after insert and
 * update, with the payload of the earlier setup guide, which says nothing about who updated), Freshservice's
 * "Note is added" and HaloPSA's "Action added" all send the ticket again, twice per write here.
 */
// Each ticket is raised by someone of the tenant's own domain: only such tickets may fix a device without a person.
const VENDORS: Record<LoopingSystem, { ticket(id: number, text: string): unknown; resend(id: number, text: string, write: ReceivedCall, n: number): unknown }> = {
  servicenow: {
    ticket: (id, text) => ({ sys_id: `${"0".repeat(26)}${String(id).padStart(6, "0")}`, number: `INC00${id}`, short_description: "Copier cannot scan to email", description: text, caller_email: "facilities@contoso-refire.com", sys_updated_on: "2026-11-30 09:00:00" }),
    resend: (id, text, _write, n) => ({ ...(VENDORS.servicenow.ticket(id, text) as object), sys_updated_on: `2026-11-30 09:${String(n % 60).padStart(2, "0")}:${String(n).padStart(2, "0").slice(-2)}` }),
  },
  freshservice: {
    ticket: (id, text) => ({ ticket: { id, subject: "Scanner cannot send", description: text, requester_email: "facilities@contoso-refire.com", updated_at: "2026-11-30T09:00:00Z" } }),
    resend: (id, text, _write, n) => ({ ticket: { id, subject: "Scanner cannot send", description: text, requester_email: "facilities@contoso-refire.com", updated_at: `2026-11-30T09:${String(n % 60).padStart(2, "0")}:00Z` } }),
  },
  halopsa: {
    ticket: (id, text) => ({ ticket: { id, summary: "Scanner cannot send", details: text, user_emailaddress: "petar.nikolov@contoso-refire.com", lastactiondate: "2026-11-30T09:00:00" } }),
    resend: (id, text, write, n) => ({
      ticket: { id, summary: "Scanner cannot send", details: text, user_emailaddress: "petar.nikolov@contoso-refire.com", lastactiondate: `2026-11-30T09:${String(n % 60).padStart(2, "0")}:00` },
      action: { id: 1000 + n, ticket_id: id, note_html: (write.body as Array<{ note_html: string }>)[0]!.note_html },
    }),
  },
};
const SYSTEMS = Object.keys(VENDORS) as LoopingSystem[];

describe("ticket systems that re-send the ticket after every note the app writes", () => {
  let stack: LocalStack;
  const servers = new Map<LoopingSystem, FakeTicketServer>();
  const answers = new Map<LoopingSystem, Array<{ status: number; body: any }>>();
  let resends = 0;

  function deliver(system: LoopingSystem, body: unknown) {
    const raw = JSON.stringify(body);
    return stack.api(`/api/webhooks/${system}`, { method: "POST", body: raw, headers: signedHeaders(system, raw, SECRETS[system], new Date()) });
  }

  /** The vendor's automation: after each write, the ticket arrives again (twice), as its rule fires. */
  function refire(system: LoopingSystem, id: number, text: string): void {
    const server = servers.get(system)!;
    server.afterWrite = async (write) => {
      // Halo also revokes the token after each write, as a rotated secret would: the next note needs a new one.
      if (system === "halopsa") server.revokeTokens();
      for (let i = 0; i < 2; i += 1) {
        const res = await deliver(system, VENDORS[system].resend(id, text, write, (resends += 1)));
        answers.get(system)!.push({ status: res.status, body: res.body });
      }
    };
  }

  /** Waits for `count` notes, lets the re-sends they cause play out, then gives the outbox time to add more. */
  async function notesAfterQuiet(server: FakeTicketServer, count: number): Promise<ReceivedCall[]> {
    const deadline = Date.now() + 30_000;
    while (server.calls.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await server.settled();
    await new Promise((r) => setTimeout(r, 2_000));
    await server.settled();
    return server.calls;
  }

  beforeAll(async () => {
    const settings: Record<string, string> = { WEBHOOK_SHARED_ROUTE: "on", TICKET_OUTBOX_BASE_DELAY_MS: "200", TICKET_OUTBOX_MAX_DELAY_MS: "1000" };
    for (const system of SYSTEMS) {
      // ServiceNow's first write meets its rate limit, as an instance over its hourly quota answers.
      const server = new FakeTicketServer(system === "servicenow" ? [{ status: 429, headers: { "retry-after": "1" } }] : []);
      servers.set(system, server);
      answers.set(system, []);
      settings[`WEBHOOK_SECRET_${system.toUpperCase()}`] = SECRETS[system];
      settings[`TICKET_${system.toUpperCase()}_BASE_URL`] = await server.start();
      settings[`TICKET_${system.toUpperCase()}_AUTH`] = `Basic ${Buffer.from(`svc.${system}:pw`).toString("base64")}`;
    }
    // HaloPSA write-back signs in as an API application; its tokens live one second here.
    servers.get("halopsa")!.issueTokens({ clientId: "smtpfix-app", clientSecret: "halo-client-secret-5b1e", lifetimeSeconds: 1 });
    delete settings.TICKET_HALOPSA_AUTH;
    settings.TICKET_HALOPSA_CLIENT_ID = "smtpfix-app";
    settings.TICKET_HALOPSA_CLIENT_SECRET = "halo-client-secret-5b1e";
    stack = await startLocalStack({ settings });
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: "contoso-refire", domain: "contoso-refire.com", mailboxes: 0, securityDefaults: false } });
    await stack.api("/api/tenants/contoso-refire", { method: "PUT", body: { domains: ["contoso-refire.com"], policy: { deviceAccounts: ["scan-*@contoso-refire.com", "erp-out@contoso-refire.com"] } } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    for (const s of servers.values()) await s.stop();
  });

  it.each(SYSTEMS)("%s: a ticket for a tenant that is not onboarded gets exactly one note while it keeps coming back", async (system) => {
    const id = 7100 + SYSTEMS.indexOf(system);
    const text = "The scanner scanner@not-onboarded.example fails: 535 5.7.139 Authentication unsuccessful";
    refire(system, id, text);
    const first = await deliver(system, VENDORS[system].ticket(id, text));
    expect(first.status).toBe(404);
    const calls = (await notesAfterQuiet(servers.get(system)!, system === "servicenow" ? 2 : 1)).filter((c) => c.answeredWith! < 300);
    expect(answers.get(system)!.length).toBeGreaterThanOrEqual(2);
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0]!.body)).toContain("[smtp-auth-fix]");
    if (system === "servicenow") expect(servers.get(system)!.calls[0]!.answeredWith).toBe(429); // and the same note came again after its Retry-After
  });

  it.each(SYSTEMS)("%s: a remediated ticket gets only its milestone notes and one run while it keeps coming back", async (system) => {
    const server = servers.get(system)!;
    server.calls.length = 0;
    answers.set(system, []);
    const id = 7200 + SYSTEMS.indexOf(system);
    const mailbox = `scan-${system}@contoso-refire.com`;
    await stack.simApi(`/_sim/tenants/contoso-refire/mailboxes/${mailbox}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
    const text = `The scanner ${mailbox} fails: 535 5.7.139 Authentication unsuccessful`;
    refire(system, id, text);
    const first = await deliver(system, VENDORS[system].ticket(id, text));
    expect(first.status).toBe(202);
    expect((await waitForTerminal(stack, first.body.id)).status).toBe("succeeded");
    const calls = await notesAfterQuiet(server, 2);
    expect(calls).toHaveLength(2);
    if (system === "halopsa") expect(new Set(calls.map((c) => c.authorization)).size).toBe(2); // a new token for each note
    const resent = answers.get(system)!;
    expect(resent.length).toBeGreaterThanOrEqual(4);
    // Every re-send is either recognised as ours or answered with the one remediation: nothing runs twice.
    for (const answer of resent) {
      if (answer.status === 200) expect(answer.body.status).toBe("ignored");
      else expect(answer.body.id).toBe(first.body.id);
    }
  });

  it("halopsa: an \"Action added\" whose note names the mailbox starts the fix for that mailbox, notes signed with fresh tokens", async () => {
    const server = servers.get("halopsa")!;
    server.calls.length = 0;
    answers.set("halopsa", []);
    const mailbox = "erp-out@contoso-refire.com";
    await stack.simApi(`/_sim/tenants/contoso-refire/mailboxes/${mailbox}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
    const ticket = { id: 7301, summary: "ERP cannot send invoices", details: "Invoices stopped going out this morning.", user_emailaddress: "petar.nikolov@contoso-refire.com" };
    refire("halopsa", 7301, ticket.details);
    const asked = await deliver("halopsa", { ticket });
    expect(asked.body).toMatchObject({ status: "needs-mailbox" });
    await notesAfterQuiet(server, 1);
    const tokensBefore = server.tokenRequests;
    const answer = await deliver("halopsa", [{ ticket, action: { id: 88, ticket_id: 7301, who: "Technician", note: `The ERP sends as ${mailbox}; the error is 535 5.7.139` } }]);
    expect(answer.status).toBe(202);
    const started = (answer.body as { results: Array<{ id: string }> }).results[0]!;
    const done = await waitForTerminal(stack, started.id);
    expect(done).toMatchObject({ status: "succeeded", mailbox });
    const calls = await notesAfterQuiet(server, 3);
    expect(calls.map((c) => JSON.stringify(c.body)).filter((b) => b.includes(mailbox))).toHaveLength(2);
    expect(server.tokenRequests).toBeGreaterThan(tokensBefore);
  });
});
