import { afterEach, describe, expect, it } from "vitest";
import { processOutboxMessage } from "../../../shared/tickets/process-outbox-message";
import { linkUnder } from "../../../shared/tickets/ticket-link";
import { enqueueTicketNote } from "../../../shared/tickets/outbox-message";
import { notesForRemediation } from "../../../shared/tickets/notes-for-remediation";
import type { TicketConnection } from "../../../shared/tickets/systems";
import { FakeTicketServer } from "./support/fake-ticket-server";
import { MemoryQueue } from "./support/memory-queue";

const running: FakeTicketServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function server(): Promise<{ server: FakeTicketServer; url: string }> {
  const s = new FakeTicketServer();
  running.push(s);
  return { server: s, url: await s.start() };
}

const summary = { id: "req-5", tenantId: "tenant-a", mailbox: "scan@a.example", status: "queued", causes: [], steps: [], plan: { steps: [] } };

describe("write-back for a tenant endpoint's ticket", () => {
  it("goes through that tenant's connection only: not the app's settings, not another tenant's", async () => {
    const [appWide, tenantA, tenantB] = [await server(), await server(), await server()];
    const connections = new Map<string, TicketConnection>([
      ["tenant-a/zendesk", { baseUrl: tenantA.url, credentials: { authorization: "Bearer a-token" }, options: {} }],
      ["tenant-b/zendesk", { baseUrl: tenantB.url, credentials: { authorization: "Bearer b-token" }, options: {} }],
    ]);
    const queue = new MemoryQueue();
    for (const note of notesForRemediation(summary, { system: "zendesk", id: "4182", connectionTenantId: "tenant-a" }, "en")) await enqueueTicketNote(queue, note);
    const result = await processOutboxMessage(queue.take()?.body, {
      settings: { raw: { TICKET_ZENDESK_BASE_URL: appWide.url, TICKET_ZENDESK_AUTH: "Bearer msp-token" } },
      queue,
      connections: { get: async (tenantId, system) => connections.get(`${tenantId}/${system}`) },
    });
    expect(result).toEqual({ outcome: "delivered", attempt: 1 });
    expect(tenantA.server.calls.map((c) => [c.path, c.authorization])).toEqual([["/api/v2/tickets/4182.json", "Bearer a-token"]]);
    expect(appWide.server.calls).toEqual([]);
    expect(tenantB.server.calls).toEqual([]);
  });

  it("writes nothing when the tenant has no connection, even with app-wide settings, and says why", async () => {
    const appWide = await server();
    const queue = new MemoryQueue();
    for (const note of notesForRemediation(summary, { system: "zendesk", id: "4182", connectionTenantId: "tenant-a" }, "en")) await enqueueTicketNote(queue, note);
    const result = await processOutboxMessage(queue.take()?.body, {
      settings: { raw: { TICKET_ZENDESK_BASE_URL: appWide.url, TICKET_ZENDESK_AUTH: "Bearer msp-token" } },
      queue,
      connections: { get: async () => undefined },
    });
    expect(result).toEqual({ outcome: "gave-up", attempt: 1, reason: "the tenant has no zendesk ticket connection" });
    expect(appWide.server.calls).toEqual([]);
  });

  it("keeps a ticket link only under the connection's base URL (or its ticketUrlBase)", () => {
    const connection: TicketConnection = { baseUrl: "https://contoso.zendesk.com", credentials: {}, options: {} };
    expect(linkUnder("https://contoso.zendesk.com/agent/tickets/77", connection)).toBe("https://contoso.zendesk.com/agent/tickets/77");
    for (const elsewhere of ["https://evil.example/agent/tickets/77", "https://contoso.zendesk.com.evil.example/x", "javascript:alert(1)", "http://contoso.zendesk.com/agent", "https://u:p@contoso.zendesk.com/x"]) {
      expect(linkUnder(elsewhere, connection)).toBeUndefined();
    }
    const scoped: TicketConnection = { baseUrl: "https://hooks.contoso.com/notes", credentials: {}, options: { ticketUrlBase: "https://rt.contoso.com/Ticket" } };
    expect(linkUnder("https://rt.contoso.com/Ticket/Display.html?id=1", scoped)).toBe("https://rt.contoso.com/Ticket/Display.html?id=1");
    expect(linkUnder("https://rt.contoso.com/Admin", scoped)).toBeUndefined();
  });
});
