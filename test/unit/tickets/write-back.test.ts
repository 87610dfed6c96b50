import { afterEach, describe, expect, it } from "vitest";
import { enqueueTicketNote } from "../../../shared/tickets/outbox-message";
import { notesForRemediation } from "../../../shared/tickets/notes-for-remediation";
import { processOutboxMessage } from "../../../shared/tickets/process-outbox-message";
import { noteTrailOn } from "../../../shared/tickets/note-trail";
import type { TrailEvent } from "../../../shared/store/event-trail";
import { QUEUES } from "../../../shared/queue/queue-names";
import type { TicketSystem } from "../../../shared/domain/types";
import type { ProcessOutboxResult } from "../../../shared/tickets/process-outbox-message";
import type { RemediationSummary } from "../../../shared/tickets/notes-for-remediation";
import { FakeTicketServer } from "./support/fake-ticket-server";
import { MemoryQueue } from "./support/memory-queue";
import type { ScriptedAnswer } from "./support/fake-ticket-server";

/** Systems whose notes go out with one Authorization header; ConnectWise and Autotask have their own tests against their fakes. */
const HEADER_AUTH_SYSTEMS = ["zendesk", "jira", "servicenow", "freshservice", "halopsa", "generic"] as const satisfies readonly TicketSystem[];
type HeaderAuthSystem = (typeof HEADER_AUTH_SYSTEMS)[number];

const TICKET_ID: Record<HeaderAuthSystem, string> = {
  zendesk: "4182",
  jira: "HELP-231",
  servicenow: "9d385017c611228701d22104cc95c371",
  freshservice: "1375",
  halopsa: "20817",
  generic: "RT-88812",
};
const EXPECTED_CALL: Record<HeaderAuthSystem, { method: string; path: string }> = {
  zendesk: { method: "PUT", path: "/api/v2/tickets/4182.json" },
  jira: { method: "POST", path: "/rest/api/3/issue/HELP-231/comment" },
  servicenow: { method: "PATCH", path: "/api/now/table/incident/9d385017c611228701d22104cc95c371" },
  freshservice: { method: "POST", path: "/api/v2/tickets/1375/notes" },
  halopsa: { method: "POST", path: "/api/actions" },
  generic: { method: "POST", path: "/callback/notes" },
};

const running: FakeTicketServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function startServer(script: ScriptedAnswer[] = []): Promise<{ server: FakeTicketServer; url: string }> {
  const server = new FakeTicketServer(script);
  running.push(server);
  return { server, url: await server.start() };
}

function settingsFor(system: TicketSystem, url: string, extra: Record<string, string> = {}): { raw: Record<string, string> } {
  const key = system.toUpperCase();
  const target = system === "generic" ? { TICKET_GENERIC_CALLBACK_URL: `${url}/callback/notes` } : { [`TICKET_${key}_BASE_URL`]: url };
  return { raw: { ...target, [`TICKET_${key}_AUTH`]: `Bearer token-for-${system}`, ...extra } };
}

function summary(status: string): RemediationSummary {
  return {
    id: "req-42",
    tenantId: "contoso",
    mailbox: "scanner.floor2@contoso.com",
    status,
    causes: [{ id: "smtp-auth-disabled-mailbox", verdict: "confirmed" }],
    plan: { steps: [{ name: "enable-mailbox-smtp-auth", risk: "basic SMTP AUTH for this one mailbox" }] },
    steps: status === "succeeded" ? [{ name: "enable-mailbox-smtp-auth", status: "succeeded", before: "SmtpClientAuthenticationDisabled=true", after: "SmtpClientAuthenticationDisabled=false" }] : [],
    statusUrl: "http://127.0.0.1:7071/api/remediations/req-42",
  };
}

/** Runs the outbox worker over everything queued until the queue is drained, as the trigger would. */
async function drain(queue: MemoryQueue, settings: { raw: Record<string, string> }, log: string[] = []): Promise<ProcessOutboxResult[]> {
  const results: ProcessOutboxResult[] = [];
  for (let message = queue.take(); message; message = queue.take()) {
    expect(message.queue).toBe(QUEUES.ticketOutbox);
    results.push(await processOutboxMessage(message.body, { settings, queue, random: () => 0.5, log: (line) => log.push(line) }));
  }
  return results;
}

/** The text a system received, whatever its body format. */
function receivedText(body: unknown): string {
  return JSON.stringify(body);
}

describe("ticket write-back through the outbox", () => {
  it.each(HEADER_AUTH_SYSTEMS)("gives %s an accepted and a completed internal note, retrying after a 503", async (system) => {
    const { server, url } = await startServer([{ status: 503, headers: { "retry-after": "2" } }]);
    const settings = settingsFor(system, url);
    const queue = new MemoryQueue();
    const ticket = { system, id: TICKET_ID[system] };
    const results: ProcessOutboxResult[] = [];
    for (const stage of ["queued", "succeeded"]) {
      for (const note of notesForRemediation(summary(stage), ticket, "en")) await enqueueTicketNote(queue, note);
      results.push(...(await drain(queue, settings)));
    }

    expect(results.map((r) => r.outcome)).toEqual(["rescheduled", "delivered", "delivered"]);
    expect(queue.sent[1]?.options).toMatchObject({ messageId: "req-42:accepted:attempt-1", delayMs: 2000 });
    expect(server.calls).toHaveLength(3);
    for (const call of server.calls) {
      expect({ method: call.method, path: call.path }).toEqual(EXPECTED_CALL[system]);
      expect(call.authorization).toBe(`Bearer token-for-${system}`);
    }
    const [accepted, completed] = [receivedText(server.calls[1]?.body), receivedText(server.calls[2]?.body)];
    expect(accepted).toContain("SMTP AUTH fix accepted");
    expect(accepted).toContain("Enable SMTP AUTH for the mailbox");
    expect(completed).toContain("SMTP AUTH fix completed");
    expect(completed).toContain("SmtpClientAuthenticationDisabled=false");
  });

  it("writes each system's internal-note shape", async () => {
    const bodies: Partial<Record<TicketSystem, unknown>> = {};
    for (const system of HEADER_AUTH_SYSTEMS) {
      const { server, url } = await startServer();
      const queue = new MemoryQueue();
      for (const note of notesForRemediation(summary("succeeded"), { system, id: TICKET_ID[system] }, "en")) await enqueueTicketNote(queue, note);
      await drain(queue, settingsFor(system, url));
      bodies[system] = server.calls[0]?.body;
    }
    expect(bodies.zendesk).toMatchObject({ ticket: { comment: { public: false, body: expect.stringContaining("Finished with status") } } });
    expect(bodies.jira).toMatchObject({ body: { type: "doc", version: 1 }, properties: [{ key: "sd.public.comment", value: { internal: true } }] });
    expect(bodies.servicenow).toEqual({ work_notes: expect.stringContaining("[smtp-auth-fix]") });
    expect(bodies.freshservice).toMatchObject({ private: true, body: expect.stringContaining("<ul><li>") });
    expect(bodies.halopsa).toEqual([{ ticket_id: 20817, outcome_id: 7, hiddenfromuser: true, note_html: expect.stringContaining("<p>") }]);
    expect(bodies.generic).toMatchObject({ id: "req-42:completed", kind: "completed", text: expect.stringContaining("SMTP AUTH fix completed") });
  });

  it("uses the Jira Service Management comment API with public false when configured", async () => {
    const { server, url } = await startServer();
    const queue = new MemoryQueue();
    for (const note of notesForRemediation(summary("queued"), { system: "jira", id: "SD-7" }, "bg")) await enqueueTicketNote(queue, note);
    await drain(queue, settingsFor("jira", url, { TICKET_JIRA_SERVICEDESK: "true" }));
    expect(server.calls[0]).toMatchObject({ method: "POST", path: "/rest/servicedeskapi/request/SD-7/comment", body: { public: false } });
    expect(receivedText(server.calls[0]?.body)).toContain("Поправката на SMTP AUTH е приета");
  });

  it("gives up after the attempt limit on a system that keeps failing, without throwing", async () => {
    const { server, url } = await startServer(Array.from({ length: 10 }, () => ({ status: 503 })));
    const queue = new MemoryQueue();
    for (const note of notesForRemediation(summary("queued"), { system: "zendesk", id: "1" }, "en")) await enqueueTicketNote(queue, note);
    const results = await drain(queue, settingsFor("zendesk", url, { TICKET_OUTBOX_MAX_ATTEMPTS: "3" }));
    expect(results.map((r) => r.outcome)).toEqual(["rescheduled", "rescheduled", "gave-up"]);
    expect(server.calls).toHaveLength(3);
  });

  it("gives up at once on a 4xx or missing configuration, and never logs the credential", async () => {
    const { url } = await startServer([{ status: 404, body: { error: "RecordNotFound" } }]);
    const queue = new MemoryQueue();
    const log: string[] = [];
    for (const note of notesForRemediation(summary("queued"), { system: "zendesk", id: "1" }, "en")) await enqueueTicketNote(queue, note);
    for (const note of notesForRemediation(summary("queued"), { system: "halopsa", id: "2" }, "en")) await enqueueTicketNote(queue, note);
    const results = await drain(queue, settingsFor("zendesk", url), log);
    expect(results).toEqual([
      { outcome: "gave-up", attempt: 1, reason: "zendesk comment API answered HTTP 404" },
      { outcome: "gave-up", attempt: 1, reason: "halopsa write-back is not configured" },
    ]);
    expect(log.join("\n")).not.toContain("token-for");
  });

  it("puts a note that finally fails on its request's trail, once, and a note about no request nowhere", async () => {
    const { url } = await startServer(Array.from({ length: 4 }, () => ({ status: 404 })));
    const queue = new MemoryQueue();
    const appended: Array<{ event: TrailEvent; dedupeKey?: string }> = [];
    const trail = noteTrailOn({ append: async (event, options) => void appended.push({ event, ...options }) }, () => new Date("2026-11-30T09:00:00Z"));
    for (const note of notesForRemediation(summary("queued"), { system: "zendesk", id: "1" }, "en")) await enqueueTicketNote(queue, note);
    const result = await processOutboxMessage(queue.take()?.body, { settings: settingsFor("zendesk", url), queue, trail });
    expect(result).toMatchObject({ outcome: "gave-up" });
    expect(appended).toEqual([
      {
        event: {
          tenantId: "contoso",
          requestId: "req-42",
          kind: "ticket-note-undelivered",
          at: "2026-11-30T09:00:00.000Z",
          ticket: { system: "zendesk", id: "1" },
          detail: "the accepted note did not reach the ticket: zendesk comment API answered HTTP 404",
          detailCode: { code: "event-note-undelivered", params: { kind: "accepted", reason: "zendesk comment API answered HTTP 404" } },
        },
        dedupeKey: "ticket-note-undelivered:req-42:accepted",
      },
    ]);
    await trail.undelivered({ id: "zendesk:1:needs-mailbox:x", system: "zendesk", ticketId: "1", kind: "needs-mailbox", locale: "en", content: {} }, "HTTP 404");
    expect(appended).toHaveLength(1);
  });

  it("puts a delivered note on its request's trail with the attempt that made it, and still counts it delivered when the trail write fails", async () => {
    const { url } = await startServer([{ status: 503 }, { status: 201, body: { audit: { id: 1 } } }, { status: 201, body: { audit: { id: 2 } } }]);
    const queue = new MemoryQueue();
    const appended: Array<{ event: TrailEvent; dedupeKey?: string }> = [];
    const trail = noteTrailOn({ append: async (event, options) => void appended.push({ event, ...options }) }, () => new Date("2026-11-30T09:00:00Z"));
    for (const note of notesForRemediation(summary("queued"), { system: "zendesk", id: "1" }, "en")) await enqueueTicketNote(queue, note);
    const first = await processOutboxMessage(queue.take()?.body, { settings: settingsFor("zendesk", url), queue, trail, random: () => 0 });
    expect(first).toMatchObject({ outcome: "rescheduled" });
    expect(appended).toEqual([]);
    const second = await processOutboxMessage(queue.take()?.body, { settings: settingsFor("zendesk", url), queue, trail });
    expect(second).toEqual({ outcome: "delivered", attempt: 2 });
    expect(appended).toEqual([
      {
        event: { tenantId: "contoso", requestId: "req-42", kind: "ticket-note-delivered", at: "2026-11-30T09:00:00.000Z", ticket: { system: "zendesk", id: "1" }, detail: "the accepted note reached the ticket on attempt 2", detailCode: { code: "event-note-delivered-retry", params: { kind: "accepted", attempt: 2 } } },
        dedupeKey: "ticket-note-delivered:req-42:accepted",
      },
    ]);
    // A trail that cannot be written does not turn a delivered note into a retry (which would post it twice).
    const log: string[] = [];
    for (const note of notesForRemediation(summary("queued"), { system: "zendesk", id: "1" }, "en")) await enqueueTicketNote(queue, note);
    const broken = noteTrailOn({ append: async () => Promise.reject(new Error("table down")) });
    expect(await processOutboxMessage(queue.take()?.body, { settings: settingsFor("zendesk", url), queue, trail: broken, log: (l) => log.push(l) })).toEqual({ outcome: "delivered", attempt: 1 });
    expect(queue.take()).toBeUndefined();
    expect(log.join("\n")).toContain("could not record the note's delivery");
  });

  it("re-schedules when the ticket system cannot be reached", async () => {
    const { url, server } = await startServer();
    await server.stop();
    const queue = new MemoryQueue();
    for (const note of notesForRemediation(summary("queued"), { system: "freshservice", id: "5" }, "en")) await enqueueTicketNote(queue, note);
    const first = await processOutboxMessage(queue.take()?.body, { settings: settingsFor("freshservice", url), queue, random: () => 0 });
    expect(first).toMatchObject({ outcome: "rescheduled", attempt: 1, delayMs: 2500 });
  });

  it("drops a message that is not a ticket note", async () => {
    const queue = new MemoryQueue();
    expect(await processOutboxMessage({ hello: "world" }, { settings: { raw: {} }, queue })).toEqual({ outcome: "invalid" });
    expect(queue.sent).toEqual([]);
  });
});
