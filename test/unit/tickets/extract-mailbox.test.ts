import { describe, expect, it } from "vitest";
import { extractMailbox } from "../../../shared/tickets/extract-mailbox";
import { extractErrorText } from "../../../shared/tickets/extract-error-text";
import { stripMarkup } from "../../../shared/tickets/strip-markup";
import type { TicketEvent } from "../../../shared/tickets/ticket-event";

function event(texts: string[], extra: Partial<TicketEvent> = {}): TicketEvent {
  return { system: "generic", ticketId: "1", event: "created", subject: "", texts, ...extra };
}

describe("extractMailbox", () => {
  it("finds the scanner's address and not the requester's in a pasted Office 365 reply", () => {
    const text = "Scanner scanner.floor2@contoso.com fails: 535 5.7.139 Authentication unsuccessful.\nPlease reply to me at maria@contoso.com";
    expect(extractMailbox(event([text]))).toEqual({ kind: "found", mailbox: "scanner.floor2@contoso.com" });
  });

  it("reads addresses out of HTML, mailto links and entities", () => {
    const html = '<div>Sender:&nbsp;<a href="mailto:alarms&#64;contoso.com">Alarm panel</a></div><p>Thanks</p>';
    expect(extractMailbox(event([html]))).toEqual({ kind: "found", mailbox: "alarms@contoso.com" });
  });

  it("prefers MAIL FROM over RCPT TO in a pasted SMTP log inside {noformat}", () => {
    const log = "{noformat}\nSMTP > MAIL FROM:<payroll@contoso.com>\nSMTP < 530 5.7.57 Client not authenticated\nSMTP > RCPT TO:<someone@gmail.com>\n{noformat}";
    expect(extractMailbox(event([log]))).toEqual({ kind: "found", mailbox: "payroll@contoso.com" });
  });

  it("excludes the requester, the people on the ticket and no-reply or ticketing-system addresses", () => {
    const text = "From: anna@contoso.com via noreply@zendesk.com, assigned to agent@contoso.com. Mailbox scan@contoso.com";
    const result = extractMailbox(event([text], { requester: "anna@contoso.com", people: ["agent@contoso.com"] }));
    expect(result).toEqual({ kind: "found", mailbox: "scan@contoso.com" });
  });

  it("asks when several addresses are equally likely to be the mailbox", () => {
    const text = "Both the scanner scan1@contoso.com and the printer printer2@contoso.com stopped sending.";
    expect(extractMailbox(event([text]))).toEqual({ kind: "ambiguous", candidates: ["printer2@contoso.com", "scan1@contoso.com"] });
  });

  it("finds nothing when the only address is a recipient or the requester", () => {
    expect(extractMailbox(event(["Mail sent to: boss@contoso.com bounced with 5.7.57"]))).toEqual({ kind: "none" });
    expect(extractMailbox(event(["I am jane@contoso.com"], { requester: "jane@contoso.com" }))).toEqual({ kind: "none" });
  });

  it("takes an explicit mailbox field over anything in the text", () => {
    expect(extractMailbox(event(["scanner other@contoso.com"], { mailbox: "Invoices@Contoso.com" }))).toEqual({ kind: "found", mailbox: "invoices@contoso.com" });
  });

  it("ignores text copied from our own notes", () => {
    const ours = "[smtp-auth-fix] SMTP AUTH fix completed\nRequest r1 for mailbox old@contoso.com.";
    expect(extractMailbox(event([ours, "scanner new@contoso.com"]))).toEqual({ kind: "found", mailbox: "new@contoso.com" });
  });

  it("understands Bulgarian context words", () => {
    const text = "Скенерът не праща. Пощенска кутия: skener@firma.bg, получател: shef@firma.bg";
    expect(extractMailbox(event([text]))).toEqual({ kind: "found", mailbox: "skener@firma.bg" });
  });
});

describe("extractErrorText", () => {
  it("keeps the SMTP reply lines of a pasted log and drops the chatter", () => {
    const log = "Hi,\n{noformat}\nSMTP > EHLO srv\nSMTP < 250 OK\nSMTP < 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.\n{noformat}\nThanks";
    expect(extractErrorText([log])).toBe("SMTP < 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.");
  });

  it("finds the error inside HTML and returns nothing when there is none", () => {
    expect(extractErrorText(["<p>Error:&nbsp;5.7.3 Authentication unsuccessful</p>"])).toBe("Error: 5.7.3 Authentication unsuccessful");
    expect(extractErrorText(["The printer is out of toner."])).toBeUndefined();
  });
});

describe("stripMarkup", () => {
  it("keeps angle-bracketed addresses from logs while removing real tags", () => {
    expect(stripMarkup("<b>MAIL FROM:<a@b.com></b>")).toBe(" MAIL FROM:<a@b.com> ");
  });
});
