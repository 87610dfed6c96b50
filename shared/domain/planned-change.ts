import type { Layer } from "./layer";
import type { MailboxState } from "./mailbox-state";
import type { StepName } from "./types";

/** What a planned step will change: the value diagnosis read, and the value the step writes. */
export interface PlannedChange {
  before: string;
  after: string;
}

/**
 * The change a step of the plan makes, in the words the steps use for their values ("enabled",
 * "disabled", "enforced"), so a person approves exactly what will happen.
 */
export function plannedChange(step: StepName, state: MailboxState): PlannedChange {
  switch (step) {
    case "disable-security-defaults":
      return { before: valueOf(state.securityDefaultsEnabled, (on) => (on ? "enabled" : "disabled")), after: "disabled" };
    case "enable-mailbox-smtp-auth": {
      const mailbox = state.mailboxSmtpAuthDisabled;
      const org = valueOf(state.orgSmtpAuthDisabled, (off) => (off ? "disabled" : "enabled"));
      return { before: valueOf(mailbox, (off) => (off === null ? `follows organisation (${org})` : off ? "disabled" : "enabled")), after: "enabled" };
    }
    case "disable-per-user-mfa":
      return { before: valueOf(state.perUserMfaState, (mfa) => mfa), after: "disabled" };
    default:
      return { before: "unknown", after: "done" };
  }
}

function valueOf<T>(layer: Layer<T>, words: (value: T) => string): string {
  return layer.known ? words(layer.value) : "unknown";
}
