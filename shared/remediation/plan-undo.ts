import { isTerminalStatus, type StepName } from "../domain/types";
import { AppError } from "../errors/app-error";
import { STEPS, type RemediationStep } from "../steps";
import type { RemediationRecord, StepRecord } from "./remediation-record";
import { isUndoable } from "./step-definition";

/** The original's steps that changed something (their before-value was recorded right before the write). */
function changedSteps(original: RemediationRecord): StepRecord[] {
  return original.steps.filter((s) => s.before !== undefined);
}

/** The undo standing in the way of another: its id and where it is ("being created" between claim and store). */
export interface BlockingUndo {
  id: string;
  status: string;
}

/** Why a request cannot be undone now, as the 409 the caller gets, or null. */
export function undoRefusal(original: RemediationRecord, activeUndo: BlockingUndo | null): AppError | null {
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
      const restore = { before: s.before as string, ...(s.undoData ? { data: s.undoData } : {}), ...(s.created ? { created: s.created } : {}) };
      const def = STEPS[s.name];
      const after = isUndoable(def) ? def.undo.restoredValue(restore) : restore.before;
      return { name: s.name, status: "pending", attempts: 0, restore, planned: { before: s.after ?? def.appliedValue, after } };
    });
}

/**
 * The undo that blocks a second one: any but a failed or rejected one. A claim whose request is not
 * stored yet blocks while it is younger than `claimMs` (its claimer is still creating it); an older
 * one was left by a crash and blocks nothing.
 */
export function blockingUndo(original: Pick<RemediationRecord, "undoneBy" | "undoRequestedAt">, undo: RemediationRecord | null, now: Date, claimMs: number): BlockingUndo | null {
  if (!original.undoneBy) return null;
  if (undo) return undo.status === "failed" || undo.status === "rejected" ? null : { id: undo.id, status: undo.status };
  const claimedAt = original.undoRequestedAt ? Date.parse(original.undoRequestedAt) : 0;
  return now.getTime() - claimedAt < claimMs ? { id: original.undoneBy, status: "being created" } : null;
}

/**
 * The undo steps that would lower protection again (undoing a move off basic auth, say): these wait
 * for a second person. A step whose undo does not say it tightens counts as weakening (fail closed).
 */
export function weakeningUndoSteps(steps: readonly Pick<StepRecord, "name">[], defs: Record<StepName, RemediationStep> = STEPS): StepName[] {
  return steps.filter((s) => defs[s.name].undo?.effect !== "tightens").map((s) => s.name);
}
