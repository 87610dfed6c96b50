import type { RemediationStep } from "./remediation-step";
import type { StepUndo, UndoRecord } from "./step-undo";

/**
 * A step's undo with its recorded before-value, shaped as a step, so the worker runs it exactly like
 * one: lock, read, write only if not yet restored, read back, retry. Restoring protection needs no
 * privilege precondition: nothing is weakened.
 */
export function undoAsStep(def: RemediationStep & { undo: StepUndo }, recorded: UndoRecord): RemediationStep {
  const { undo } = def;
  return {
    name: def.name,
    setting: def.setting,
    subject: def.subject,
    appliedValue: undo.restoredValue(recorded),
    read: (gw, target) => undo.read(gw, target, recorded),
    isRight: (value) => undo.isRestored(value, recorded),
    apply: (gw, target) => undo.apply(gw, target, recorded),
  };
}
