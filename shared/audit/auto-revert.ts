import type { ExchangeGateway } from "../m365/m365-gateway";
import type { AuditEvent } from "./audit-ports";
import type { AuditView } from "./audit-view";
import { failureReason } from "./read-tenant-snapshot";
import type { ExceptionRegister } from "./exception-register";
import type { Finding } from "./finding";

export interface AutoRevertDeps {
  exchange: Pick<ExchangeGateway, "setCasMailboxSmtpAuthDisabled" | "getCasMailbox">;
  exceptions: Pick<ExceptionRegister, "close">;
  recordEvent: (event: AuditEvent) => Promise<void>;
}

/**
 * Re-disables SMTP AUTH for mailboxes whose exception expired (tenant policy autoRevertExpired),
 * reading the mailbox back to verify, and closes the exception. Each attempt lands in the event
 * trail; a failed one leaves the finding as it was. Returns the findings, updated.
 */
export async function autoRevertExpired(runId: string, view: AuditView, findings: Finding[], deps: AutoRevertDeps): Promise<{ findings: Finding[]; reverted: number }> {
  let reverted = 0;
  const out: Finding[] = [];
  for (const finding of findings) {
    const governing = finding.type === "expired-exception" && finding.setting === "mailbox-smtp-auth" ? view.governingFor(finding.subject, "mailbox-smtp-auth") : undefined;
    const mailbox = governing ? view.mailboxOf(governing.record) : undefined;
    if (!governing || !mailbox) {
      out.push(finding);
      continue;
    }
    const { record } = governing;
    const event = { tenantId: record.tenantId, runId, subject: finding.subject, exceptionId: record.id, requestId: record.requestId, at: view.now.toISOString() };
    try {
      await deps.exchange.setCasMailboxSmtpAuthDisabled(mailbox.identity, true);
      const after = await deps.exchange.getCasMailbox(mailbox.identity);
      if (after?.smtpClientAuthenticationDisabled !== true) throw new Error("SMTP AUTH still on after Set-CASMailbox");
      await deps.exceptions.close(record.tenantId, record.id, "auto-reverted", view.now);
      await deps.recordEvent({ type: "exception-auto-reverted", ...event });
      out.push({ ...finding, detail: `${finding.detail} SMTP AUTH was re-disabled automatically (tenant policy).` });
      reverted += 1;
    } catch (e) {
      await deps.recordEvent({ type: "exception-auto-revert-failed", ...event, reason: failureReason("re-disabling SMTP AUTH", e) });
      out.push(finding);
    }
  }
  return { findings: out, reverted };
}
