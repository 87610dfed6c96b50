import { exceptionExpiry } from "../audit/exception-record";
import { reasonCode } from "../domain/request-reasons";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import { isWeakenedSetting, type RemediationStep, type StepTarget } from "../steps";
import type { RemediationDeps } from "./remediation-deps";
import { describeOperator } from "../auth/operator";
import { whoAsked } from "./who-asked";
import type { RemediationRecord, StepRecord } from "./remediation-record";

/**
 * Records a change this request made: one event in the trail and, for a weakening, one exception in the register.
 * Both are keyed by request and step, so recording again after a crash adds nothing.
 */
export async function recordTenantChange(
  record: RemediationRecord,
  step: StepRecord,
  def: RemediationStep,
  target: StepTarget,
  after: string,
  deps: RemediationDeps,
): Promise<void> {
  const now = deps.now();
  const tenant = await deps.tenants.get(record.tenantId);
  const policy = tenant?.policy ?? resolveTenantPolicy(undefined);
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
      ticket: record.ticket,
      detail: step.reason,
      // The English detail names each cause with its evidence; the code names the causes, for other languages.
      detailCode: reasonCode("event-changed-for", { causes: causesFixedBy(record, step.name).join(",") || "none" }),
    },
    { dedupeKey: `change:${step.name}` },
  );
  // Only a weakening is an exception; a migration step's change is on the trail alone.
  if (!isWeakenedSetting(def.setting)) return;
  await deps.exceptions.record({
    tenantId: record.tenantId,
    subject: def.subject(target),
    setting: def.setting,
    valueApplied: def.appliedValue,
    requestId: record.id,
    userId: target.userId ?? undefined,
    ticket: record.ticket,
    requestedBy: whoAsked(record),
    reason: record.approval?.decision === "approved" ? `${step.reason ?? ""} (approved by ${describeOperator(record.approval.by)})`.trim() : step.reason,
    grantedAt: now,
    expiresAt: exceptionExpiry(now, policy),
  });
}

/** The confirmed causes this step fixes, as diagnosis recorded them. */
function causesFixedBy(record: RemediationRecord, step: string): string[] {
  return (record.diagnosis?.causes ?? []).filter((c) => c.verdict === "confirmed" && c.fixStep === step).map((c) => c.id);
}
