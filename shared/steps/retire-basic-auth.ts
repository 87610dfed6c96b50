import { M365Error } from "../m365/m365-error";
import type { RemediationStep } from "./remediation-step";

/**
 * After a move to HVE or a connector the old mailbox no longer needs SMTP AUTH: it goes off again for
 * that mailbox (the mailbox flag, so the organisation's setting is left as it is) and the exception
 * that turned it on is closed.
 */
export const retireBasicAuth: RemediationStep = {
  name: "retire-basic-auth",
  setting: "basic-auth-retired",
  writesTo: "mailbox-address",
  subject: (target) => target.mailbox,
  appliedValue: "disabled",
  closes: "mailbox-smtp-auth",
  lockAs: "mailbox-smtp-auth",
  async read(gw, target) {
    const cas = await gw.exchange.getCasMailbox(target.mailbox);
    if (!cas) throw new M365Error(`Exchange does not know the mailbox ${target.mailbox}.`, { kind: "not-found", service: "exchange", operation: "exchange.getCasMailbox" });
    if (cas.smtpClientAuthenticationDisabled === null) return "follows organisation";
    return cas.smtpClientAuthenticationDisabled ? "disabled" : "enabled";
  },
  isRight: (value) => value === "disabled",
  async apply(gw, target) {
    await gw.exchange.setCasMailboxSmtpAuthDisabled(target.mailbox, true);
  },
  undo: (_target, before) => ({ created: [], before: { smtpClientAuthenticationDisabled: before === "enabled" ? false : before === "disabled" ? true : null } }),
};
