import type { CodedText } from "../domain/coded-text";
import { englishReason, reasonCode } from "../domain/request-reasons";
import type { StepName } from "../domain/types";
import type { RemediationDeps } from "./remediation-deps";
import type { StepRecord } from "./remediation-record";
import type { RequestSession } from "./request-session";

/**
 * Beyond the standing policy: nothing of the plan runs; a second person sees exactly these steps on
 * this account, and the request ends `rejected` if nobody decides within the tenant's approvalHours.
 */
export async function awaitApproval(session: RequestSession, steps: StepName[], verdict: { reasons: string[]; codes: CodedText[] }, approvalHours: number, deps: RemediationDeps): Promise<void> {
  const record = session.record;
  record.approvalRequest = { plan: { steps, mailbox: record.mailbox, userId: record.userId ?? null }, reasons: verdict.reasons };
  record.approvalDeadline = new Date(deps.now().getTime() + approvalHours * 3_600_000).toISOString();
  const coded = reasonCode("awaiting-approval", { steps: steps.join(",") }, verdict.codes);
  const reason = englishReason(coded);
  record.attention = {
    reason,
    guidance: [
      `A second person with Remediation.Approve (not the requester) allows this plan: POST /api/remediations/${record.id}/approve {"comment"?}; or rejects it: POST /api/remediations/${record.id}/reject.`,
      `Undecided, it ends rejected at ${record.approvalDeadline}.`,
    ],
    causes: [],
  };
  holdPendingSteps(record.steps, "Not applied: waiting for a second person's approval.");
  return session.finish("awaiting-approval", coded);
}

export function holdPendingSteps(steps: StepRecord[], reason: string): void {
  for (const step of steps) if (step.status === "pending") Object.assign(step, { status: "skipped", reason });
}
