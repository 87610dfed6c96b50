import { M365Error } from "../m365/m365-error";
import { privilegePrecondition } from "./privilege-precondition";
import type { RemediationStep, StepTarget } from "./remediation-step";

function userIdOf(target: StepTarget): string {
  if (target.userId) return target.userId;
  throw new M365Error(`No Entra user was found for ${target.mailbox}.`, { kind: "not-found", service: "graph", operation: "GET /users" });
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
};
