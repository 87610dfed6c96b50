import { CAUSES, NEVER_WEAKEN } from "./causes";
import { ESTABLISHED_TEXT } from "./plan-remediation";
import type { TextReading } from "./read-error-text";
import { STEP_NAMES, type StepName } from "./types";

// Steps that only help a password (basic-auth) client; an OAuth client gets nothing from them.
const BASIC_ONLY: ReadonlySet<StepName> = new Set(["disable-security-defaults", "disable-per-user-mfa"]);

/**
 * The automatic steps a report can lead to, each only once the live state confirms its cause (the
 * planner's rule): none when the report establishes a cause that would still block or that never
 * weakens (causes.ts NEVER_WEAKEN). Offline, text only: what `smtp-auth diagnose` can promise.
 */
export function stepsWithinReach(reading: TextReading): StepName[] {
  const stops = reading.causes.some((c) => c.confidence >= ESTABLISHED_TEXT && (CAUSES[c.id].blocksAfterSteps || NEVER_WEAKEN.has(c.id)));
  if (stops) return [];
  const steps = new Set(reading.causes.map((c) => CAUSES[c.id].fixStep).filter((s): s is StepName => s !== null));
  return STEP_NAMES.filter((s) => steps.has(s) && !(reading.authMethod === "oauth" && BASIC_ONLY.has(s)));
}
