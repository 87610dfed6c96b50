import type { ExceptionSetting } from "../audit/exception-record";
import type { StepName } from "../domain/types";
import type { TenantGateways } from "../m365/m365-gateway";
import type { StepUndo } from "./step-undo";

/** What a step acts on: the mailbox from the request and its Entra user id from diagnosis. */
export interface StepTarget {
  mailbox: string;
  userId: string | null;
}

/** The setting a step weakens, as the exceptions register and the audit name it. */
export type WeakenedSetting = ExceptionSetting;

/** A refusal found at apply time: the world changed since the plan and the step is no longer safe. */
export interface StepRefusal {
  code: string;
  reason: string;
}

/**
 * One remediation step: read the setting, decide whether it is already right, write the one value
 * that fixes it. Every method is idempotent; the worker runs check → apply → verify around them.
 */
export interface RemediationStep {
  name: StepName;
  setting: WeakenedSetting;
  /** "tenant" for tenant-wide settings, else the mailbox. */
  subject(target: StepTarget): string;
  /** The current value, in words shown to people ("enabled", "disabled", "follows organisation (off)"). */
  read(gw: TenantGateways, target: StepTarget): Promise<string>;
  isRight(value: string): boolean;
  /** Re-checks what must still hold right before the write (e.g. no privileged role). */
  precondition?(gw: TenantGateways, target: StepTarget): Promise<StepRefusal | null>;
  /** Writes the fix; a step that creates something returns its ids, kept on the request for its undo. */
  apply(gw: TenantGateways, target: StepTarget): Promise<void | Record<string, string>>;
  /** The value written, for the trail and the exceptions register. */
  appliedValue: string;
  /** How `POST /api/remediations/{id}/undo` reverses this step; a step without one cannot be undone. */
  undo?: StepUndo;
}
