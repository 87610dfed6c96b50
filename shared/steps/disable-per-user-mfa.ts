import { M365Error } from "../m365/m365-error";
import type { PerUserMfaState } from "../domain/types";
import { privilegePrecondition } from "./privilege-precondition";
import type { RemediationStep, StepTarget } from "./remediation-step";

function userIdOf(target: StepTarget): string {
  if (target.userId) return target.userId;
  throw new M365Error(`No Entra user was found for ${target.mailbox}.`, { kind: "not-found", service: "graph", operation: "GET /users" });
}

/** How much per-user MFA protects, weakest first. */
const MFA_STRENGTH: readonly PerUserMfaState[] = ["disabled", "enabled", "enforced"];

/** The state to restore; a before-value the step does not know restores the strongest state (fail closed). */
function restoredMfaState(before: string): PerUserMfaState {
  return MFA_STRENGTH.includes(before as PerUserMfaState) ? (before as PerUserMfaState) : "enforced";
}

/** Step 3: legacy per-user MFA off for the mailbox's user, never for a privileged role holder. */
export const disablePerUserMfa: RemediationStep = {
  name: "disable-per-user-mfa",
  setting: "per-user-mfa",
  writesTo: "entra-user",
  subject: (target) => target.mailbox,
  appliedValue: "disabled",
  async read(gw, target) {
    return gw.graph.getPerUserMfaState(userIdOf(target));
  },
  isRight: (value) => value === "disabled",
  precondition: privilegePrecondition("disable-per-user-mfa"),
  async apply(gw, target) {
    await gw.graph.setPerUserMfaState(userIdOf(target), "disabled");
  },
  // Back to the user's state before the fix. Entra turns "enabled" into "enforced" by itself once the
  // user has an MFA method registered, so a stronger state than the one recorded counts as restored:
  // https://learn.microsoft.com/graph/api/resources/strongauthenticationrequirements
  undo: {
    effect: "tightens",
    async read(gw, target) {
      return gw.graph.getPerUserMfaState(userIdOf(target));
    },
    isRestored: (value, recorded) => MFA_STRENGTH.indexOf(value as PerUserMfaState) >= MFA_STRENGTH.indexOf(restoredMfaState(recorded.before)),
    async apply(gw, target, recorded) {
      await gw.graph.setPerUserMfaState(userIdOf(target), restoredMfaState(recorded.before));
    },
    restoredValue: (recorded) => restoredMfaState(recorded.before),
  },
};
