import { decideStandingPolicy, type InteractiveSignIns, type PolicyQuestion, type PolicyVerdict } from "../domain/standing-policy";
import type { CodedText } from "../domain/coded-text";
import { englishReason, reasonCode } from "../domain/request-reasons";
import { unresolvedAccount } from "../domain/account-identity";
import type { StepName, TenantPolicy } from "../domain/types";

/** What of the tenant the standing policy reads: its policy and its own (verified) domains, and whether its row kept its seal. */
export interface TenantRules {
  policy: TenantPolicy;
  domains: readonly string[];
  seal?: BrokenSeal;
}
import type { TenantGateways } from "../m365/m365-gateway";
import type { BrokenSeal } from "../store/tenant-registry";
import { utcDay } from "../store/automation-budget";
import { readInteractiveSignIns } from "./read-interactive-sign-ins";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord } from "./remediation-record";

/**
 * What the sign-in log says of a person behind the account, read only for a plan that would run
 * alone if nobody used it (one Graph read, not one per diagnosis); undefined when nothing would run
 * alone anyway. A transient failure is thrown, for the stage to retry.
 */
export async function interactiveSignInsIfAutomatic(record: RemediationRecord, steps: StepName[], tenant: TenantRules, graph: TenantGateways["graph"], deps: RemediationDeps): Promise<InteractiveSignIns | undefined> {
  if (steps.length === 0) return undefined;
  const question = await questionFor(record, steps, tenant, deps);
  if (decideStandingPolicy({ ...question, interactiveSignIns: "none" }).kind !== "automatic") return undefined;
  return readInteractiveSignIns(graph, record.userId, deps.now());
}

/**
 * Asks the tenant's standing policy who may run this plan, and for an automatic run takes its places
 * in today's budget first (`reserve`; plan mode only asks). Kept apart from the privilege checks of
 * planning: those decide what is safe at all, this decides whether a person must agree.
 */
export async function authorisePlan(record: RemediationRecord, steps: StepName[], tenant: TenantRules, deps: RemediationDeps, options: { reserve: boolean; interactiveSignIns?: InteractiveSignIns }): Promise<PolicyVerdict> {
  const { policy } = tenant;
  // A policy edited outside the app says nothing about who may weaken what: nothing runs, not even approved.
  if (tenant.seal) return waitFor(reasonCode("policy-seal-broken", { reason: tenant.seal.reason }));
  const day = utcDay(deps.now());
  const reserved = record.automaticReserved?.day === day ? record.automaticReserved.steps : 0;
  const verdict = decideStandingPolicy({ ...(await questionFor(record, steps, tenant, deps)), interactiveSignIns: options.interactiveSignIns });
  if (verdict.kind === "await-approval" && record.approvalRefused) {
    const refused = reasonCode("approval-seal-broken", { reason: record.approvalRefused });
    return { kind: "await-approval", reasons: [englishReason(refused), ...verdict.reasons], codes: [refused, ...verdict.codes] };
  }
  if (verdict.kind !== "automatic" || steps.length === 0 || reserved > 0 || !options.reserve) return verdict;
  if (await deps.budget.reserve(record.tenantId, day, steps.length, policy.maxAutomaticPerDay)) {
    record.automaticReserved = { day, steps: steps.length };
    return verdict;
  }
  // Others took the last places between our read and our write.
  return waitFor(reasonCode("budget-taken", { max: policy.maxAutomaticPerDay }));
}

function waitFor(code: CodedText): PolicyVerdict {
  return { kind: "await-approval", reasons: [englishReason(code)], codes: [code] };
}

async function questionFor(record: RemediationRecord, steps: StepName[], { policy, domains }: TenantRules, deps: RemediationDeps): Promise<PolicyQuestion> {
  const day = utcDay(deps.now());
  const reserved = record.automaticReserved?.day === day ? record.automaticReserved.steps : 0;
  const used = await deps.budget.used(record.tenantId, day);
  const approved = record.approval?.decision === "approved" ? record.approval.plan : undefined;
  // A ticket's requester is judged by the tenant's own domains; an API request has a signed-in operator instead.
  const ticket = record.source.startsWith("webhook:") ? { origin: { ...(record.ticketRequester ? { requester: record.ticketRequester } : {}), agent: record.ticketRequesterAgent === true }, tenantDomains: domains } : undefined;
  // A record diagnosed before accounts were resolved has no names to vouch for it: nothing matches as a device.
  const account = record.account ?? unresolvedAccount(record.userId ?? null);
  return { steps, mailbox: record.mailbox, userId: record.userId, account, policy, automaticToday: Math.max(0, used - reserved), approved, ...(ticket ? { ticket } : {}) };
}
