import { describe, expect, it } from "vitest";
import { notesForRemediation, noteForAuditFindings } from "../../../shared/tickets/notes-for-remediation";
import { renderNote, renderNoteAdf } from "../../../shared/tickets/render-note";
import type { RemediationSummary } from "../../../shared/tickets/notes-for-remediation";
import type { TicketNote } from "../../../shared/tickets/ticket-note";

const ticket = { system: "zendesk" as const, id: "4182" };
const base: RemediationSummary = {
  id: "req-7",
  tenantId: "contoso",
  mailbox: "scanner@contoso.com",
  status: "queued",
  causes: [{ id: "security-defaults-enabled", verdict: "confirmed" }],
  steps: [],
  plan: { steps: [{ name: "disable-security-defaults", risk: "turns off MFA registration for the whole tenant" }] },
};

function only(notes: TicketNote[]): TicketNote {
  expect(notes).toHaveLength(1);
  return notes[0]!;
}

describe("notesForRemediation", () => {
  it("picks the note kind from the request status, one id per request and kind", () => {
    const kinds = ["queued", "planned", "awaiting-approval", "needs-attention", "succeeded", "failed", "rejected"].map(
      (status) => only(notesForRemediation({ ...base, status }, ticket, "en")).id,
    );
    expect(kinds).toEqual(["req-7:accepted", "req-7:accepted", "req-7:needs-attention", "req-7:needs-attention", "req-7:completed", "req-7:failed", "req-7:failed"]);
  });

  it("writes nothing for a request without a ticket", () => {
    expect(notesForRemediation(base, undefined, "en")).toEqual([]);
  });
});

describe("renderNote", () => {
  it("reads as plain sentences, with the plan and its risk, not as JSON", () => {
    const text = renderNote(only(notesForRemediation(base, ticket, "en")));
    expect(text).toBe(
      [
        "[smtp-auth-fix] SMTP AUTH fix accepted",
        "Request req-7 for mailbox scanner@contoso.com.",
        "Diagnosis:",
        "- security-defaults-enabled: confirmed",
        "Planned steps:",
        "- Turn off security defaults (tenant-wide) (risk: turns off MFA registration for the whole tenant)",
      ].join("\n\n"),
    );
  });

  it("tells a person exactly what to do in Bulgarian when the tenant asks for it", () => {
    const summary = { ...base, status: "needs-attention", attention: { reason: "политиката забранява изключване за целия тенант", guidance: ["Одобрете изключение", "Стартирайте заявката отново"] } };
    const text = renderNote(only(notesForRemediation(summary, ticket, "bg")));
    expect(text).toContain("Поправката на SMTP AUTH изисква намеса на човек");
    expect(text).toContain("Какво да направите:\n\n- Одобрете изключение\n- Стартирайте заявката отново");
  });

  it("escapes ticket-sourced text in HTML notes", () => {
    const summary = { ...base, status: "failed", attention: { reason: "<script>alert(1)</script>", guidance: [] } };
    const html = renderNote(only(notesForRemediation(summary, ticket, "en")), "html");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("builds a Jira ADF document with a bold heading and bullet lists", () => {
    const adf = renderNoteAdf(only(notesForRemediation(base, ticket, "en")));
    expect(adf.type).toBe("doc");
    expect(adf.content?.[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "[smtp-auth-fix] SMTP AUTH fix accepted", marks: [{ type: "strong" }] }] });
    expect(adf.content?.filter((node) => node.type === "bulletList")).toHaveLength(2);
  });

  it("lists audit findings for the tenant", () => {
    const note = noteForAuditFindings(ticket, "run-1", "contoso", [{ title: "SMTP AUTH re-disabled", detail: "scanner@contoso.com" }], "en");
    expect(renderNote(note)).toContain("The nightly audit of tenant contoso found:\n\n- SMTP AUTH re-disabled: scanner@contoso.com");
  });
});
