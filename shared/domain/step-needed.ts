import { effectiveSmtpAuthDisabled, type MailboxState } from "./mailbox-state";
import type { StepName } from "./types";

/**
 * Whether a step would still change something: the setting it fixes is wrong now. The planner asks
 * before planning and the worker again before applying, so a step already done is skipped.
 * `unknown` when the layer could not be read: never a reason to apply.
 */
export function stepNeeded(step: StepName, state: MailboxState): boolean | "unknown" {
  switch (step) {
    case "disable-security-defaults": {
      const sd = state.securityDefaultsEnabled;
      return sd.known ? sd.value : "unknown";
    }
    case "enable-mailbox-smtp-auth": {
      // The mailbox flag is set to false even when the org flag causes it: never open every mailbox.
      const effective = effectiveSmtpAuthDisabled(state);
      return effective.known ? effective.value : "unknown";
    }
    case "disable-per-user-mfa": {
      // Only "enforced" blocks basic auth today; "enabled" is reported as a risk, not changed.
      const mfa = state.perUserMfaState;
      return mfa.known ? mfa.value === "enforced" : "unknown";
    }
    default:
      // Migration steps read their own objects (shared/steps/); a mailbox's state does not tell.
      return "unknown";
  }
}
