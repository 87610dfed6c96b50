import { M365Error } from "../m365/m365-error";
import type { TenantGateways } from "../m365/m365-gateway";
import { privilegePrecondition } from "./privilege-precondition";
import type { RemediationStep, StepTarget } from "./remediation-step";

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
  read: readRetirement,
  isRight: (value) => value === "disabled",
  async apply(gw, target) {
    await gw.exchange.setCasMailboxSmtpAuthDisabled(target.mailbox, true);
  },
  // Undoing the retirement opens SMTP AUTH again for the mailbox: a weakening, so it waits for a second
  // person and re-checks the privilege guardrail like enable-mailbox-smtp-auth (decision 0016).
  undo: {
    effect: "weakens",
    read: (gw, target) => readRetirement(gw, target),
    isRestored: (value, recorded) => value === recorded.before,
    precondition: privilegePrecondition("enable-mailbox-smtp-auth"),
    async apply(gw, target, recorded) {
      await gw.exchange.setCasMailboxSmtpAuthDisabled(target.mailbox, recorded.before === "enabled" ? false : recorded.before === "disabled" ? true : null);
    },
    restoredValue: (recorded) => recorded.before,
  },
};

async function readRetirement(gw: TenantGateways, target: StepTarget): Promise<string> {
  const cas = await gw.exchange.getCasMailbox(target.mailbox);
  if (!cas) throw new M365Error(`Exchange does not know the mailbox ${target.mailbox}.`, { kind: "not-found", service: "exchange", operation: "exchange.getCasMailbox" });
  if (cas.smtpClientAuthenticationDisabled === null) return "follows organisation";
  return cas.smtpClientAuthenticationDisabled ? "disabled" : "enabled";
}
