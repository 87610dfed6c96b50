import { exceptionId } from "../audit/exception-record";
import { coded, reasonCode } from "../domain/request-reasons";
import { isWeakenedSetting, type RemediationStep, type StepTarget } from "../steps";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord, StepRecord } from "./remediation-record";
import { whoAsked } from "./who-asked";

/**
 * Records what an undo step did: a trail event when it wrote the before-value back, and in every case
 * the original's exception closed as "undone", since the weakening it stood for is gone. Keyed by
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
}
