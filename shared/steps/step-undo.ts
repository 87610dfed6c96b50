import type { CreatedObject } from "../domain/created-objects";
import type { TenantGateways } from "../m365/m365-gateway";
import type { StepRefusal, StepTarget } from "./remediation-step";

/**
 * What a step left behind for its undo: the value it read right before its write, and the ids of
 * anything it created (a migration step's account or connector), as the step's own apply returned them.
 */
export interface UndoRecord {
  before: string;
  data?: Record<string, string>;
  /** The objects the step created (its `createdObjects`), which the undo removes. */
  created?: CreatedObject[];
}

/**
 * How a step is undone: read → restore → read back, like the step itself. An undo is judged by the
 * same standing policy as any plan: `effect: "tightens"` (protection comes back) runs without a
 * second person; anything else waits for one (decision 0016).
 */
export interface StepUndo {
  effect: "tightens" | "weakens";
  /** The value now, in the step's own words. */
  read(gw: TenantGateways, target: StepTarget, recorded: UndoRecord): Promise<string>;
  /** At the recorded before-value, or somewhere at least as protected: nothing to write. */
  isRestored(value: string, recorded: UndoRecord): boolean;
  /** Re-checked right before a weakening undo's write (e.g. no privileged role), as the step itself would. */
  precondition?(gw: TenantGateways, target: StepTarget): Promise<StepRefusal | null>;
  apply(gw: TenantGateways, target: StepTarget, recorded: UndoRecord): Promise<void>;
  /** What the undo writes back, in words, for the plan and the trail. */
  restoredValue(recorded: UndoRecord): string;
}
