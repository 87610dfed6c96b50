import { exceptionExpiry, exceptionId } from "../audit/exception-record";
import { describeOperator } from "../auth/operator";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import { coded, reasonCode } from "../domain/request-reasons";
import { isWeakenedSetting, STEPS, type RemediationStep, type StepTarget } from "../steps";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord, StepRecord } from "./remediation-record";
import { whoAsked } from "./who-asked";

/**
 * Records what an undo step did: a trail event when it wrote the before-value back, and the original's
 * exception closed as "undone", since the weakening it stood for is gone (or, for an undo that
 * weakens, a new exception). Keyed by
 * request and step like recordTenantChange, so a retry after a crash adds nothing.
 */
export async function recordRestoredChange(record: RemediationRecord, original: string, step: StepRecord, def: RemediationStep, target: StepTarget, after: string, deps: RemediationDeps): Promise<void> {
  const now = deps.now();
  if (step.before !== undefined) {
    await deps.events.append(
      {
        tenantId: record.tenantId,
        requestId: record.id,
        kind: "tenant-changed",
        at: now.toISOString(),
        setting: def.setting,
        subject: def.subject(target),
        before: step.before,
        after,
        requestedBy: whoAsked(record),
        ...coded(reasonCode("event-restored-by-undo", { original })),
      },
      { dedupeKey: `change:${step.name}` },
    );
  }
  if (isWeakenedSetting(def.setting)) await deps.exceptions.close(record.tenantId, exceptionId(original, def.setting), "undone", now);
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
  const now = deps.now();
  const policy = (await deps.tenants.get(record.tenantId))?.policy ?? resolveTenantPolicy(undefined);
  await deps.exceptions.record({
    tenantId: record.tenantId,
    subject: target.mailbox,
    setting,
    valueApplied: after,
    requestId: record.id,
    userId: target.userId ?? undefined,
    requestedBy: whoAsked(record),
    reason: `Undo of request ${original}${record.approval?.decision === "approved" ? ` (approved by ${describeOperator(record.approval.by)})` : ""}.`,
    grantedAt: now,
    expiresAt: exceptionExpiry(now, policy),
  });
}
