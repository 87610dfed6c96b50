import { M365Error } from "../m365/m365-error";
import { privilegePrecondition } from "./privilege-precondition";
import type { RemediationStep } from "./remediation-step";

/**
 * Step 2: authenticated SMTP on for this one mailbox, never for a privileged role holder. Always
 * the mailbox flag, never the organisation flag, which would open every mailbox that follows it.
 */
export const enableMailboxSmtpAuth: RemediationStep = {
  name: "enable-mailbox-smtp-auth",
  setting: "mailbox-smtp-auth",
  writesTo: "mailbox-address",
  subject: (target) => target.mailbox,
  appliedValue: "enabled",
  async read(gw, target) {
    const cas = await gw.exchange.getCasMailbox(target.mailbox);
    if (!cas) {
      throw new M365Error(`Exchange does not know the mailbox ${target.mailbox}.`, {
        kind: "not-found",
        service: "exchange",
        operation: "Get-CASMailbox",
      });
    }
    if (cas.smtpClientAuthenticationDisabled === false) return "enabled";
    if (cas.smtpClientAuthenticationDisabled === true) return "disabled";
    const orgDisabled = await gw.exchange.getOrgSmtpAuthDisabled();
    return orgDisabled ? "follows organisation (disabled)" : "follows organisation (enabled)";
  },
  isRight: (value) => value === "enabled" || value === "follows organisation (enabled)",
  precondition: privilegePrecondition("enable-mailbox-smtp-auth"),
  async apply(gw, target) {
    await gw.exchange.setCasMailboxSmtpAuthDisabled(target.mailbox, false);
  },
};
