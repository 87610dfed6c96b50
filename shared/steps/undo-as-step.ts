import type { RemediationStep } from "./remediation-step";
import type { StepUndo, UndoRecord } from "./step-undo";

/**
 * A step's undo with its recorded before-value, shaped as a step, so the worker runs it exactly like
 * one: lock, read, write only if not yet restored, read back, retry. Restoring protection needs no
 * privilege precondition (nothing is weakened); an undo that weakens brings its own.
 */
export function undoAsStep(def: RemediationStep & { undo: StepUndo }, recorded: UndoRecord): RemediationStep {
  const { undo } = def;
  return {
    name: def.name,
    setting: def.setting,
    writesTo: def.writesTo,
    // A created object's id is the step's subject; the undo request does not carry the migration it came from.
    subject: (target) => recorded.created?.[0]?.id ?? def.subject(target),
    appliedValue: undo.restoredValue(recorded),
    read: (gw, target) => undo.read(gw, target, recorded),
    isRight: (value) => undo.isRestored(value, recorded),
    apply: (gw, target) => undo.apply(gw, target, recorded),
    ...(undo.precondition ? { precondition: undo.precondition } : {}),
  };
}
