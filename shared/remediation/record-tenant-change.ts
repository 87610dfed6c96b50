import { exceptionExpiry } from "../audit/exception-record";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import type { RemediationStep, StepTarget } from "../steps";
import type { RemediationDeps } from "./remediation-deps";
import { describeOperator } from "../auth/operator";
import { whoAsked } from "./who-asked";
import type { RemediationRecord, StepRecord } from "./remediation-record";

/**
 * Records a weakening this request made: one event in the trail and one exception in the register.
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
    },
    { dedupeKey: `change:${step.name}` },
  );
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
