import { describe, expect, it } from "vitest";
import { auditTicketFromSetting, toTicketNote } from "../../../shared/audit/audit-ticket-notes";
import type { Finding } from "../../../shared/audit/finding";
import { NOTIFIED_FINDINGS_LIMIT, notificationsFor } from "../../../shared/audit/notify-findings";

const finding = (parts: Partial<Finding>): Finding => ({ type: "unapproved-smtp-auth", subject: "a@x.com", severity: "high", detail: "on", firstSeen: "2025-06-01T02:00:00.000Z", ...parts });

describe("notificationsFor", () => {
  it("sends a reverted fix to its ticket and everything else in one message, most severe first", () => {
    const notes = notificationsFor("t1", "r1", "en", [
      finding({ type: "stale-exception", severity: "low", subject: "s@x.com" }),
      finding({ type: "reverted-fix", subject: "p@x.com", setting: "mailbox-smtp-auth", ticket: { system: "jira", id: "OPS-1" } }),
      finding({ type: "privileged-account-weakened", severity: "critical", subject: "admin@x.com" }),
    ]);
    expect(notes.map((n) => n.kind)).toEqual(["audit-reverted-fix", "audit-new-findings"]);
    expect(notes[0]).toMatchObject({ ticket: { system: "jira", id: "OPS-1" }, messageId: "audit:t1:r1:reverted-fix|p@x.com|mailbox-smtp-auth" });
    const summary = notes[1];
    expect(summary?.kind === "audit-new-findings" && summary.findings.map((f) => f.severity)).toEqual(["critical", "low"]);
  });

  it("sends nothing when nothing is new, and caps the findings listed in one message", () => {
    expect(notificationsFor("t1", "r1", "en", [])).toEqual([]);
    const many = Array.from({ length: NOTIFIED_FINDINGS_LIMIT + 5 }, (_, i) => finding({ subject: `m${i}@x.com` }));
    const [note] = notificationsFor("t1", "r1", "en", many);
    expect(note?.kind === "audit-new-findings" && [note.totalNew, note.findings.length]).toEqual([NOTIFIED_FINDINGS_LIMIT + 5, NOTIFIED_FINDINGS_LIMIT]);
  });
});

describe("toTicketNote", () => {
  it("writes a reverted fix on the ticket that asked for the fix", () => {
    const [note] = notificationsFor("t1", "r1", "bg", [finding({ type: "reverted-fix", subject: "p@x.com", ticket: { system: "zendesk", id: "42", url: "https://z/42" } })]);
    if (!note) throw new Error("no note");
    expect(toTicketNote(note)).toMatchObject({ id: note.messageId, system: "zendesk", ticketId: "42", ticketUrl: "https://z/42", kind: "audit-finding", locale: "bg" });
  });

  it("sends new findings to the configured audit ticket, else to the generic webhook", () => {
    const [note] = notificationsFor("t1", "r1", "en", [finding({})]);
    if (!note) throw new Error("no note");
    expect(toTicketNote(note, auditTicketFromSetting("jira:OPS-9"))).toMatchObject({ system: "jira", ticketId: "OPS-9" });
    expect(toTicketNote(note, auditTicketFromSetting(undefined))).toMatchObject({ system: "generic", ticketId: "audit-t1", content: { statusUrl: "/api/audits/t1/latest?format=html" } });
    expect(auditTicketFromSetting("nonsense")).toBeUndefined();
    expect(auditTicketFromSetting("autotask:7421")).toEqual({ system: "autotask", id: "7421" });
    expect(auditTicketFromSetting("remedy:1")).toBeUndefined();
  });

  it("writes a reverted fix of a tenant endpoint's ticket through that tenant's connection, never the app-wide settings", () => {
    const ticket = { system: "connectwise" as const, id: "501", connectionTenantId: "t1" };
    const [note] = notificationsFor("t1", "r1", "en", [finding({ type: "reverted-fix", subject: "p@x.com", ticket })]);
    if (!note) throw new Error("no note");
    expect(toTicketNote(note)).toMatchObject({ system: "connectwise", ticketId: "501", connectionTenantId: "t1" });
  });
});
