import type { Layer } from "../domain/layer";
import type { PolicyAudit } from "../m365/m365-gateway";

/**
 * Who last changed a policy, as Entra's directory audit log shows it ("switched on by X on D"), or
 * why it is unknown: the log was not read, could not be read, or shows no change to that policy.
 */
export function whoChanged(isTarget: (target: PolicyAudit["targets"][number]) => boolean, audits: Layer<PolicyAudit[]> | undefined): string {
  if (!audits) return "who switched it on is unknown (the directory audit log was not read)";
  if (!audits.known) return `who switched it on is unknown: ${audits.reason}`;
  const change = audits.value.filter((a) => a.targets.some(isTarget)).sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime))[0];
  if (!change) return "who switched it on is unknown: the directory audit log shows no change to it in the window read";
  return `switched on by ${change.initiatedBy ?? "an initiator the log does not name"} on ${change.activityDateTime.slice(0, 10)} (Entra directory audit: ${change.activity})`;
}

/** Security defaults as a directory audit target (Graph's identitySecurityDefaultsEnforcementPolicy, "Security Defaults"). */
export const isSecurityDefaults = (target: PolicyAudit["targets"][number]): boolean =>
  /security defaults/i.test(target.displayName) || target.id === "00000000-0000-0000-0000-000000000005";
