import { isTerminalStatus } from "../domain/types";
import { AppError } from "../errors/app-error";
import { STEPS } from "../steps";
import type { RemediationRecord, StepRecord } from "./remediation-record";
import { isUndoable } from "./step-definition";

/** The original's steps that changed something (their before-value was recorded right before the write). */
function changedSteps(original: RemediationRecord): StepRecord[] {
  return original.steps.filter((s) => s.before !== undefined);
}

/**
 * Why a request cannot be undone now, as the 409 the caller gets, or null. `activeUndo` is the
 * request named by `undoneBy` when it still exists and has not failed or been rejected.
 */
export function undoRefusal(original: RemediationRecord, activeUndo: RemediationRecord | null): AppError | null {
  if (original.undoOf) return new AppError("UNDO_NOT_POSSIBLE", `Request ${original.id} is itself an undo; to weaken the tenant again, ask for the fix again.`);
  if (!isTerminalStatus(original.status) || original.status === "awaiting-approval") {
    return new AppError("UNDO_NOT_FINISHED", `Request ${original.id} is ${original.status}; undo it once it has ended.`);
  }
  if (activeUndo) return new AppError("ALREADY_UNDONE", `Request ${original.id} is undone by request ${activeUndo.id} (${activeUndo.status}).`);
  const changed = changedSteps(original);
  if (changed.length === 0) return new AppError("UNDO_NOTHING_CHANGED", `Request ${original.id} changed nothing in the tenant.`);
  const without = changed.filter((s) => !isUndoable(STEPS[s.name])).map((s) => s.name);
  if (without.length > 0) return new AppError("UNDO_NOT_POSSIBLE", `${without.join(", ")} has no undo; reverse it by hand.`);
  return null;
}

/**
 * The undo's steps: every changed step of the original, newest first, each carrying the value it
 * restores and the ids it removes. A step whose write may not have landed is included: its undo reads
 * first and skips what is already at its before-value.
 */
export function undoSteps(original: RemediationRecord): StepRecord[] {
  return changedSteps(original)
    .reverse()
    .map((s): StepRecord => {
      const restore = { before: s.before as string, ...(s.undoData ? { data: s.undoData } : {}) };
      const def = STEPS[s.name];
      const after = isUndoable(def) ? def.undo.restoredValue(restore) : restore.before;
      return { name: s.name, status: "pending", attempts: 0, restore, planned: { before: s.after ?? def.appliedValue, after } };
    });
}

/** The undo may still restore something: anything but a failed or rejected one blocks a second undo. */
export function isActiveUndo(undo: RemediationRecord | null): undo is RemediationRecord {
  return undo !== null && undo.status !== "failed" && undo.status !== "rejected";
}
