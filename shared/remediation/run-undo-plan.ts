import { englishReason, reasonCode } from "../domain/request-reasons";
import { weakeningUndoSteps } from "./plan-undo";
import { readOnlyReason } from "./read-only-tenant";
import type { RemediationDeps } from "./remediation-deps";
import type { RequestSession } from "./request-session";
import { awaitApproval } from "./await-approval";

/**
 * The first stage of an undo request, in place of diagnosis: its plan was fixed when it was asked
 * for (the original's changes, newest first). An undo that only restores protection runs at once
 * with the requester alone; one that would lower protection again waits for a second person who
 * approves exactly those steps (decision 0016). Each step still reads before it writes.
 */
export async function runUndoPlan(session: RequestSession, deps: RemediationDeps): Promise<void> {
  const record = session.record;
  const tenant = await deps.tenants.get(record.tenantId);
  if (!tenant) return session.finish("failed", `Tenant ${record.tenantId} is no longer onboarded.`);
  if (tenant.access === "read-only") return session.finish("planned", readOnlyReason(record.tenantId));
  // Nothing has run yet at this stage: steps held back while the undo waited for approval run now.
  for (const step of record.steps) if (step.status === "skipped" && step.before === undefined) Object.assign(step, { status: "pending", reason: undefined });

  const weakening = weakeningUndoSteps(record.steps);
  const approved = record.approval?.decision === "approved" ? record.approval.plan.steps : [];
  if (weakening.some((s) => !approved.includes(s))) {
    const code = reasonCode("undo-weakens", { steps: weakening.join(",") });
    record.policyDecision = { verdict: "await-approval", reasons: [englishReason(code)] };
    return awaitApproval(session, weakening, { reasons: [englishReason(code)], codes: [code] }, tenant.policy.approvalHours, deps);
  }
  record.policyDecision = { verdict: weakening.length > 0 ? "approved" : "automatic" };
  const first = record.steps.find((s) => s.status === "pending");
  if (!first) return session.finish("succeeded", reasonCode("nothing-to-change"));
  await session.enqueue(first.name, "run", 1);
}
