import type { StepUndo } from "../steps/step-undo";
import { STEPS, type RemediationStep } from "../steps";
import { undoAsStep } from "../steps/undo-as-step";
import type { RemediationRecord, StepRecord } from "./remediation-record";

/** What the worker runs for a step: the step itself, or on an undo request the step's undo with its recorded before-value. */
export function stepDefinition(record: Pick<RemediationRecord, "undoOf">, step: Pick<StepRecord, "name" | "restore">): RemediationStep | null {
  const def = STEPS[step.name];
  if (!record.undoOf) return def;
  return isUndoable(def) && step.restore ? undoAsStep(def, step.restore) : null;
}

export function isUndoable(def: RemediationStep): def is RemediationStep & { undo: StepUndo } {
  return def.undo !== undefined;
}
