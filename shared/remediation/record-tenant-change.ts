import { exceptionExpiry } from "../audit/exception-record";
import { reasonCode } from "../domain/request-reasons";
import type { CodedText } from "../domain/coded-text";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import { isWeakenedSetting, type RemediationStep, type StepTarget, type WeakenedSetting } from "../steps";
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
  await appendTenantChanged(record, step, def, target, after, deps, {
    ticket: record.ticket,
    detail: step.reason,
    // The English detail names each cause with its evidence; the code names the causes, for other languages.
    detailCode: reasonCode("event-changed-for", { causes: causesFixedBy(record, step.name).join(",") || "none" }),
  });
  // Only a weakening is an exception; a migration step's change is on the trail alone.
  if (!isWeakenedSetting(def.setting)) return;
  await recordWeakening(record, target, deps, { subject: def.subject(target), setting: def.setting, valueApplied: def.appliedValue, reason: step.reason, ticket: record.ticket });
}

/** The trail's `tenant-changed` event for a step that wrote, keyed by request and step. */
export async function appendTenantChanged(
  record: RemediationRecord,
  step: StepRecord,
  def: RemediationStep,
  target: StepTarget,
  after: string,
  deps: RemediationDeps,
  text: { ticket?: RemediationRecord["ticket"]; detail?: string; detailCode?: CodedText },
): Promise<void> {
  await deps.events.append(
    {
      tenantId: record.tenantId,
      requestId: record.id,
      kind: "tenant-changed",
      at: deps.now().toISOString(),
      setting: def.setting,
      subject: def.subject(target),
      before: step.before,
      after,
      requestedBy: whoAsked(record),
      ...text,
    },
    { dedupeKey: `change:${step.name}` },
  );
}

/** A weakening this request made, in the exceptions register under the tenant's policy; an approver is named in the reason. */
export async function recordWeakening(
  record: RemediationRecord,
  target: StepTarget,
  deps: RemediationDeps,
  change: { subject: string; setting: WeakenedSetting; valueApplied: string; reason: string | undefined; ticket?: RemediationRecord["ticket"] },
): Promise<void> {
  const now = deps.now();
  const policy = (await deps.tenants.get(record.tenantId))?.policy ?? resolveTenantPolicy(undefined);
  const approvedBy = record.approval?.decision === "approved" ? `(approved by ${describeOperator(record.approval.by)})` : undefined;
  await deps.exceptions.record({
    tenantId: record.tenantId,
    subject: change.subject,
    setting: change.setting,
    valueApplied: change.valueApplied,
    requestId: record.id,
    userId: target.userId ?? undefined,
    ...(change.ticket ? { ticket: change.ticket } : {}),
    requestedBy: whoAsked(record),
    reason: approvedBy ? `${change.reason ?? ""} ${approvedBy}`.trim() : change.reason,
    grantedAt: now,
    expiresAt: exceptionExpiry(now, policy),
  });
}

/** The confirmed causes this step fixes, as diagnosis recorded them. */
function causesFixedBy(record: RemediationRecord, step: string): string[] {
  return (record.diagnosis?.causes ?? []).filter((c) => c.verdict === "confirmed" && c.fixStep === step).map((c) => c.id);
}
