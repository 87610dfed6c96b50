import { STEPS } from "./cause-definition";
import type { Layer } from "./layer";
import { message } from "./plan-messages";
import type { Locale, StepName } from "./types";

/** Why a privilege check stops a step. */
export interface PrivilegeRefusal {
  code: "privileged-user" | "privilege-unknown";
  reason: string;
}

/** Steps that weaken one account's sign-in (every step but the tenant-wide one, and any future one). */
export function weakensAccount(step: StepName): boolean {
  return STEPS[step].scope !== "tenant";
}

/**
 * The guardrail every account-weakening step passes at planning and again right before its write:
 * a privileged user is refused, and so is a user whose privilege could not be settled.
 */
export function privilegeRefusal(step: StepName, privilege: Layer<string[]>, locale: Locale): PrivilegeRefusal | null {
  if (!weakensAccount(step)) return null;
  if (!privilege.known) return { code: "privilege-unknown", reason: message("rolesUnknown", locale, { reason: privilege.reason }) };
  if (privilege.value.length === 0) return null;
  return { code: "privileged-user", reason: message("privilegedUser", locale, { roles: privilege.value.join(", ") }) };
}
