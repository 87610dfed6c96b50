import { exceptionId } from "../audit/exception-record";
import { coded, reasonCode } from "../domain/request-reasons";
import { isWeakenedSetting, STEPS, type RemediationStep, type StepTarget } from "../steps";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord, StepRecord } from "./remediation-record";
import { appendTenantChanged, recordWeakening } from "./record-tenant-change";

/**
 * Records what an undo step did: a trail event when it wrote the before-value back, and the original's
 * exception closed as "undone", since the weakening it stood for is gone (or, for an undo that
 * weakens, a new exception). Keyed by request and step like recordTenantChange, so a retry after a
 * crash adds nothing.
 */
export async function recordRestoredChange(record: RemediationRecord, original: string, step: StepRecord, def: RemediationStep, target: StepTarget, after: string, deps: RemediationDeps): Promise<void> {
  if (step.before !== undefined) {
    await appendTenantChanged(record, step, def, target, after, deps, coded(reasonCode("event-restored-by-undo", { original })));
  }
  if (isWeakenedSetting(def.setting)) await deps.exceptions.close(record.tenantId, exceptionId(original, def.setting), "undone", deps.now());
  else if (step.before !== undefined) await recordReopened(record, original, step, target, after, deps);
}

/**
 * An undo that lowers protection again (undoing retire-basic-auth opens the mailbox's SMTP AUTH) is a
 * weakening like any fix's: the undo request's exception in the register, under the setting it reopens.
 */
async function recordReopened(record: RemediationRecord, original: string, step: StepRecord, target: StepTarget, after: string, deps: RemediationDeps): Promise<void> {
  const def = STEPS[step.name];
  const setting = def.lockAs;
  if (def.undo?.effect !== "weakens" || !setting || !isWeakenedSetting(setting)) return;
  await recordWeakening(record, target, deps, { subject: target.mailbox, setting, valueApplied: after, reason: `Undo of request ${original}` });
}
