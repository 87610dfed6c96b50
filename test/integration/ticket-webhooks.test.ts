import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketSystem } from "../../shared/domain/types";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { FakeTicketServer } from "../unit/tickets/support/fake-ticket-server";
import { fixture, FIXTURE_BY_SYSTEM, SECRETS, signedHeaders } from "../unit/tickets/support/deliveries";

/**
 * The device mailbox each fixture's ticket is about, the simulated tenant that owns it, and how the
 * request must end. Freshservice's ticket pastes a wrong-password reply and the generic one a
 * "basic authentication is disabled" reply: weakening the tenant would not help, so nothing changes.
 */
/** Systems whose notes go out with one Authorization header; ConnectWise and Autotask run against their own fakes (psa-webhooks.test.ts). */
const HEADER_AUTH_SYSTEMS = ["zendesk", "jira", "servicenow", "freshservice", "halopsa", "generic"] as const satisfies readonly TicketSystem[];

const DEVICES: Record<(typeof HEADER_AUTH_SYSTEMS)[number], { tenantId: string; mailbox: string; ends: "succeeded" | "needs-attention" }> = {
  zendesk: { tenantId: "contoso-tickets", mailbox: "scanner.floor2@contoso.com", ends: "succeeded" },
  jira: { tenantId: "contoso-tickets", mailbox: "payroll@contoso.com", ends: "succeeded" },
  servicenow: { tenantId: "fabrikam-tickets", mailbox: "copier.sofia@fabrikam.bg", ends: "succeeded" },
  freshservice: { tenantId: "contoso-tickets", mailbox: "alarms@contoso.com", ends: "needs-attention" },
  halopsa: { tenantId: "contoso-tickets", mailbox: "invoices@contoso.com", ends: "succeeded" },
  generic: { tenantId: "contoso-tickets", mailbox: "nas-reports@contoso.com", ends: "needs-attention" },
};

describe("ticketing webhooks through the local host, with write-back to each system", () => {
  let stack: LocalStack;
  const servers = new Map<TicketSystem, FakeTicketServer>();

  beforeAll(async () => {
    const settings: Record<string, string> = { WEBHOOK_SHARED_ROUTE: "on", TICKET_OUTBOX_BASE_DELAY_MS: "200", TICKET_OUTBOX_MAX_DELAY_MS: "1000" };
    for (const system of HEADER_AUTH_SYSTEMS) {
      // Every system's comment API first answers 503 once, then accepts.
      const server = new FakeTicketServer([{ status: 503, headers: { "retry-after": "1" } }]);
      const url = await server.start();
      servers.set(system, server);
      // The Zendesk fixtures name their requester by id only; the app reads who that is.
      if (system === "zendesk") server.users.set("8447388090494", "maria.petrova@contoso.com");
      settings[`WEBHOOK_SECRET_${system.toUpperCase()}`] = SECRETS[system];
      settings[`TICKET_${system.toUpperCase()}_BASE_URL`] = url;
      settings[`TICKET_${system.toUpperCase()}_AUTH`] = `Bearer ${system}-api-token`;
    }
    settings.TICKET_GENERIC_CALLBACK_URL = `${settings.TICKET_GENERIC_BASE_URL}/notes`;
    stack = await startLocalStack({ settings });
    for (const [tenantId, domain] of [["contoso-tickets", "contoso.com"], ["fabrikam-tickets", "fabrikam.bg"]] as const) {
      await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: false } });
      // The fixtures' mailboxes are devices: the tenant names them, so their fixes may run alone.
      const deviceAccounts = Object.values(DEVICES).filter((d) => d.tenantId === tenantId).map((d) => d.mailbox);
      await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { locale: domain.endsWith(".bg") ? "bg" : "en", deviceAccounts } } });
    }
    for (const { tenantId, mailbox } of Object.values(DEVICES)) {
      await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${mailbox}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true } });
    }
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    for (const s of servers.values()) await s.stop();
  });

  it.each(HEADER_AUTH_SYSTEMS)("a signed %s webhook runs a remediation and the ticket gets its notes, one of them after a 503", async (system) => {
    const device = DEVICES[system];
    const body = fixture(FIXTURE_BY_SYSTEM[system]);
    const res = await stack.anonymousApi(`/api/webhooks/${system}`, { method: "POST", body, headers: signedHeaders(system, body, SECRETS[system], new Date()) });
    expect(res.status).toBe(202);
    const done = await waitForTerminal(stack, res.body.id);
    expect(done.status).toBe(device.ends);
    expect(done.mailbox).toBe(device.mailbox);
    expect(done.ticket.system).toBe(system);

    const mailbox = await stack.simApi(`/_sim/tenants/${device.tenantId}/mailboxes/${device.mailbox}`);
    expect(mailbox.body.smtpClientAuthenticationDisabled).toBe(device.ends !== "succeeded");

    // succeeded: an "accepted" note with the plan, then "completed"; needs-attention: one note saying what to do.
    const notes = device.ends === "succeeded" ? 2 : 1;
    const server = servers.get(system)!;
    const deadline = Date.now() + 20_000;
    while (server.calls.length < notes + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300)); // nothing more may follow
    expect(server.calls.length).toBe(notes + 1);
    if (system !== "generic") expect(server.calls.every((c) => c.authorization === `Bearer ${system}-api-token`)).toBe(true);
    // The generic callback's JSON counts delivery attempts; the note itself must be the same.
    const texts = server.calls.map((c) => JSON.stringify({ ...(c.body as object), attempt: undefined }));
    expect(new Set(texts).size).toBe(notes); // the note that met the 503 arrived again, unchanged
    expect(texts.join("\n")).toContain(device.mailbox);
    if (system === "zendesk") expect(server.userReads).toBeGreaterThan(0); // the requester, named by id only, was read

    // The request's timeline shows each note reaching the ticket, the one that met the 503 on its second attempt.
    const deliveredNotes = async () => ((await stack.api(`/api/remediations/${res.body.id}/events`)).body.events as Array<{ kind: string; detail: string; ticket?: { id: string } }>).filter((e) => e.kind === "ticket-note-delivered");
    await expect.poll(async () => (await deliveredNotes()).length, { timeout: 10_000 }).toBe(notes);
    const delivered = await deliveredNotes();
    expect(delivered.filter((e) => e.detail.endsWith("on attempt 2"))).toHaveLength(1);
    expect(delivered.every((e) => e.ticket?.id === done.ticket.id)).toBe(true);
  });

  it("refuses a forged signature and starts nothing", async () => {
    const body = fixture(FIXTURE_BY_SYSTEM.zendesk);
    const res = await stack.anonymousApi("/api/webhooks/zendesk", { method: "POST", body, headers: signedHeaders("zendesk", body, "not-the-secret", new Date()) });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain(SECRETS.zendesk);
  });

  it("answers a redelivery with the same remediation", async () => {
    const body = fixture(FIXTURE_BY_SYSTEM.generic);
    const headers = signedHeaders("generic", body, SECRETS.generic, new Date());
    const a = await stack.anonymousApi("/api/webhooks/generic", { method: "POST", body, headers });
    const b = await stack.anonymousApi("/api/webhooks/generic", { method: "POST", body, headers });
    expect(b.body.id).toBe(a.body.id);
  });
});
