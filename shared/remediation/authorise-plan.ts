import { decideStandingPolicy, type PolicyVerdict } from "../domain/standing-policy";
import { englishReason, reasonCode } from "../domain/request-reasons";
import type { StepName, TenantPolicy } from "../domain/types";
import { utcDay } from "../store/automation-budget";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord } from "./remediation-record";

/**
 * Asks the tenant's standing policy who may run this plan, and for an automatic run takes its places
 * in today's budget first (`reserve`; plan mode only asks). Kept apart from the privilege checks of
 * planning: those decide what is safe at all, this decides whether a person must agree.
 */
export async function authorisePlan(record: RemediationRecord, steps: StepName[], policy: TenantPolicy, deps: RemediationDeps, options: { reserve: boolean }): Promise<PolicyVerdict> {
  const day = utcDay(deps.now());
  const reserved = record.automaticReserved?.day === day ? record.automaticReserved.steps : 0;
  const used = await deps.budget.used(record.tenantId, day);
  const approved = record.approval?.decision === "approved" ? record.approval.plan : undefined;
  const verdict = decideStandingPolicy({ steps, mailbox: record.mailbox, userId: record.userId, policy, automaticToday: Math.max(0, used - reserved), approved });
  if (verdict.kind !== "automatic" || steps.length === 0 || reserved > 0 || !options.reserve) return verdict;
  if (await deps.budget.reserve(record.tenantId, day, steps.length, policy.maxAutomaticPerDay)) {
    record.automaticReserved = { day, steps: steps.length };
    return verdict;
  }
  // Others took the last places between our read and our write.
  const taken = reasonCode("budget-taken", { max: policy.maxAutomaticPerDay });
  return { kind: "await-approval", reasons: [englishReason(taken)], codes: [taken] };
}
