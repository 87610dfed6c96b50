import { M365Error } from "../m365/m365-error";
import { privilegePrecondition } from "./privilege-precondition";
import type { TenantGateways } from "../m365/m365-gateway";
import type { RemediationStep, StepTarget } from "./remediation-step";

/** How a mailbox without its own value reads: Get-CASMailbox's SmtpClientAuthenticationDisabled is $null. */
const FOLLOWS_ORGANISATION = "follows organisation";

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
  read: readMailboxSmtpAuth,
  isRight: (value) => value === "enabled" || value === "follows organisation (enabled)",
  precondition: privilegePrecondition("enable-mailbox-smtp-auth"),
  async apply(gw, target) {
    await gw.exchange.setCasMailboxSmtpAuthDisabled(target.mailbox, false);
  },
  // Back to what the mailbox held: its own "disabled", or no value of its own ($null, following the
  // organisation). Anything but "follows organisation" restores to disabled, the protected side.
  undo: {
    effect: "tightens",
    read: (gw, target) => readMailboxSmtpAuth(gw, target),
    isRestored: (value, recorded) => value === "disabled" || (followsOrganisation(recorded.before) && followsOrganisation(value)),
    async apply(gw, target, recorded) {
      await gw.exchange.setCasMailboxSmtpAuthDisabled(target.mailbox, followsOrganisation(recorded.before) ? null : true);
    },
    restoredValue: (recorded) => (followsOrganisation(recorded.before) ? FOLLOWS_ORGANISATION : "disabled"),
  },
};

function followsOrganisation(value: string): boolean {
  return value.startsWith(FOLLOWS_ORGANISATION);
}

async function readMailboxSmtpAuth(gw: TenantGateways, target: StepTarget): Promise<string> {
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
  return orgDisabled ? `${FOLLOWS_ORGANISATION} (disabled)` : `${FOLLOWS_ORGANISATION} (enabled)`;
}
