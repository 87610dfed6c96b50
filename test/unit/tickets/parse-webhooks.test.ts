import { describe, expect, it } from "vitest";
import { parseWebhook } from "../../../shared/tickets/parse-webhook";
import type { TicketEvent } from "../../../shared/tickets/ticket-event";
import { fixture } from "./support/deliveries";

function eventOf(system: Parameters<typeof parseWebhook>[0], name: string, headers: Record<string, string> = {}): TicketEvent {
  const result = parseWebhook(system, JSON.parse(fixture(name)), headers);
  if (result.kind !== "event") throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

describe("parseWebhook", () => {
  it("reads a Zendesk ticket.created event: id, delivery id, subject and description", () => {
    const event = eventOf("zendesk", "zendesk-ticket-created.json");
    expect(event).toMatchObject({ system: "zendesk", ticketId: "4182", deliveryId: "cbe4028c-7239-495d-b020-f22348516046", event: "ticket.created" });
    expect(event.subject).toBe("Scanner cannot send email - 5.7.139");
    expect(event.texts.join("\n")).toContain("scanner.floor2@contoso.com");
  });

  it("reads the comment body of a Zendesk ticket.comment_added event", () => {
    const event = eventOf("zendesk", "zendesk-comment-added.json");
    expect(event.event).toBe("ticket.comment_added");
    expect(event.texts.some((t) => t.includes("mfp-reception@fabrikam.bg"))).toBe(true);
  });

  it("ignores Zendesk events that are not about new ticket text, and our own notes", () => {
    const statusChanged = { type: "zen:event-type:ticket.status_changed", id: "x", detail: { id: "1" } };
    const ownNote = { type: "zen:event-type:ticket.comment_added", id: "y", detail: { id: "1" }, event: { comment: { body: "[smtp-auth-fix] SMTP AUTH fix accepted" } } };
    expect(parseWebhook("zendesk", statusChanged, {}).kind).toBe("ignored");
    expect(parseWebhook("zendesk", ownNote, {}).kind).toBe("ignored");
    const ownNoteViaTrigger = { ticket: { id: "1", latest_comment: "[smtp-auth-fix] SMTP AUTH fix: which mailbox?" } };
    expect(parseWebhook("zendesk", ownNoteViaTrigger, {}).kind).toBe("ignored");
  });

  it("reads a Zendesk trigger body templated from placeholders", () => {
    const body = { ticket: { id: "77", subject: "Scanner", description: "scanner scan@contoso.com fails", requester_email: "Anna@Contoso.com", url: "contoso.zendesk.com/agent/tickets/77" } };
    const result = parseWebhook("zendesk", body, {});
    expect(result).toMatchObject({ kind: "event", event: { ticketId: "77", requester: "anna@contoso.com", ticketUrl: "https://contoso.zendesk.com/agent/tickets/77" } });
  });

  it("reads a Jira issue_created webhook with the delivery id header, the reporter and a browse link", () => {
    const event = eventOf("jira", "jira-issue-created.json", { "x-atlassian-webhook-identifier": "wh-123" });
    expect(event).toMatchObject({
      system: "jira",
      ticketId: "HELP-231",
      ticketUrl: "https://contoso-it.atlassian.net/browse/HELP-231",
      deliveryId: "wh-123",
      requester: "ivan.dimitrov@contoso.com",
      subject: "Sage payroll cannot send payslips",
    });
    expect(event.people).toContain("helpdesk.agent@contoso.com");
    expect(event.texts.join("\n")).toContain("{noformat}");
  });

  it("reads a Jira description in Atlassian Document Format by its text", () => {
    const body = {
      webhookEvent: "jira:issue_updated",
      issue_event_type_name: "issue_updated",
      issue: { key: "OPS-9", fields: { summary: "s", description: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Mailbox: ops-scan@contoso.com" }] }] } } },
    };
    const result = parseWebhook("jira", body, {});
    expect(result.kind === "event" && result.event.texts.join(" ")).toContain("Mailbox: ops-scan@contoso.com");
  });

  it("ignores Jira transitions and deletions but not comments", () => {
    const issue = { key: "OPS-1", fields: { summary: "s" } };
    expect(parseWebhook("jira", { webhookEvent: "jira:issue_updated", issue_event_type_name: "issue_generic", issue }, {}).kind).toBe("ignored");
    expect(parseWebhook("jira", { webhookEvent: "jira:issue_deleted", issue }, {}).kind).toBe("ignored");
    expect(parseWebhook("jira", { webhookEvent: "jira:issue_updated", issue_event_type_name: "issue_commented", issue }, {}).kind).toBe("event");
  });

  it("reads a ServiceNow incident record with sys_updated_on as the event", () => {
    const event = eventOf("servicenow", "servicenow-incident.json");
    expect(event).toMatchObject({
      ticketId: "9d385017c611228701d22104cc95c371",
      event: "2026-11-27 10:12:45",
      requester: "elena.koleva@fabrikam.bg",
      subject: "INC0010042 Copier cannot scan to email",
    });
  });

  it("reads Freshservice tickets in the JSON and the simple content shapes", () => {
    const full = eventOf("freshservice", "freshservice-ticket.json");
    const simple = eventOf("freshservice", "freshservice-simple.json");
    expect(full).toMatchObject({ ticketId: "1375", requester: "facilities@contoso.com", ticketUrl: "https://contoso.freshservice.com/helpdesk/tickets/1375" });
    expect(simple).toMatchObject({ ticketId: "1402", requester: "anna@contoso.com", subject: "Scan to email broken" });
  });

  it("reads a HaloPSA ticket and takes the mailbox from a custom field named for it", () => {
    const event = eventOf("halopsa", "halopsa-ticket.json");
    expect(event).toMatchObject({ ticketId: "20817", mailbox: "invoices@contoso.com", requester: "petar.nikolov@contoso.com" });
  });

  it("reads the generic shape with an explicit mailbox", () => {
    expect(eventOf("generic", "generic-ticket.json")).toMatchObject({ ticketId: "RT-88812", mailbox: "nas-reports@contoso.com", event: "created" });
  });

  it.each([
    ["zendesk", { type: "zen:event-type:ticket.created" }],
    ["jira", { webhookEvent: "jira:issue_created", issue: { fields: {} } }],
    ["servicenow", { sys_id: "not-a-sys-id", short_description: "x" }],
    ["freshservice", { ticket: { subject: "no id" } }],
    ["halopsa", { id: "abc" }],
    ["generic", ["not", "an", "object"]],
  ] as const)("calls a %s body without its ticket id invalid", (system, body) => {
    expect(parseWebhook(system, body, {}).kind).toBe("invalid");
  });
  describe("the app's own updates, re-sent by the system", () => {
    const incident = JSON.parse(fixture("servicenow-incident.json")) as Record<string, unknown>;
    const ownNote = "[smtp-auth-fix] SMTP AUTH fix: a person is needed";

    it("ignores a ServiceNow update whose latest work note is ours, or that our integration user made", () => {
      expect(parseWebhook("servicenow", { ...incident, work_notes: ownNote }, {})).toEqual({ kind: "ignored", reason: "our own note" });
      const byUs = { ...incident, sys_updated_by: "svc.smtpfix" };
      expect(parseWebhook("servicenow", byUs, {}, { servicenow: "SVC.SmtpFix" }).kind).toBe("ignored");
      expect(parseWebhook("servicenow", byUs, {}, { servicenow: "someone.else" }).kind).toBe("event");
    });

    it("ignores a Freshservice delivery whose latest note is ours", () => {
      const ticket = JSON.parse(fixture("freshservice-ticket.json")) as { ticket: Record<string, unknown> };
      expect(parseWebhook("freshservice", { ticket: { ...ticket.ticket, latest_note: `<div>${ownNote}</div>` } }, {}).kind).toBe("ignored");
      expect(parseWebhook("freshservice", { ticket: { ...ticket.ticket, latest_note: "The sender is alarms@contoso.com" } }, {}).kind).toBe("event");
    });

    it("ignores a HaloPSA action that is our own note, and reads a technician's action first", () => {
      const ticket = JSON.parse(fixture("halopsa-ticket.json")) as Record<string, unknown>;
      expect(parseWebhook("halopsa", { ticket, action: { id: 9, note_html: `<p>${ownNote}</p>` } }, {}).kind).toBe("ignored");
      const result = parseWebhook("halopsa", { ticket, action: { id: 10, note: "Mailbox is erp.out@contoso.com" } }, {});
      expect(result).toMatchObject({ kind: "event", event: { mailbox: "erp.out@contoso.com", deliveryId: "action:10", ticketId: "20817" } });
    });
  });
});
