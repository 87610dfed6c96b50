import { isPrivilegedRole } from "../domain/privileged-roles";
import { M365Error } from "../m365/m365-error";
import type { RemediationStep, StepTarget } from "./remediation-step";

function userIdOf(target: StepTarget): string {
  if (target.userId) return target.userId;
  throw new M365Error(`No Entra user was found for ${target.mailbox}.`, { kind: "not-found", service: "graph", operation: "GET /users" });
}

/** Step 3: legacy per-user MFA off for the mailbox's user, never for a privileged role holder. */
export const disablePerUserMfa: RemediationStep = {
  name: "disable-per-user-mfa",
  setting: "per-user-mfa",
  subject: (target) => target.mailbox,
  appliedValue: "disabled",
  async read(gw, target) {
    return gw.graph.getPerUserMfaState(userIdOf(target));
  },
  isRight: (value) => value === "disabled",
  async precondition(gw, target) {
    // Roles can be granted between diagnosis and this write; the guardrail is checked at both.
    const privileged = (await gw.graph.getDirectoryRoles(userIdOf(target))).filter(isPrivilegedRole);
    if (privileged.length === 0) return null;
    return {
      code: "privileged-user",
      reason: `${target.mailbox} holds ${privileged.join(", ")}; MFA stays on for privileged accounts. Use a dedicated unprivileged mailbox for the device.`,
    };
  },
  async apply(gw, target) {
    await gw.graph.setPerUserMfaState(userIdOf(target), "disabled");
  },
};
