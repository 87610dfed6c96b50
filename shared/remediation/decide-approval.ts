import { z } from "zod";
import { describeOperator, isOperatorAddress, isSameOperator, operatorRef, type Operator } from "../auth/operator";
import { reasonCode } from "../domain/request-reasons";
import { AppError } from "../errors/app-error";
import { validate } from "../http/validate";
import { isConcurrentUpdate } from "../store/request-store";
import { appMetrics } from "../telemetry/metrics";
import type { RemediationRecord } from "./remediation-record";
import type { RemediationDeps } from "./remediation-deps";
import { isRemediationId, remediationNotFound } from "./find-remediation";
import { RequestSession } from "./request-session";
import { approvalExpired, expireApproval } from "./expire-approvals";

/** The body of approve/reject: only a comment. Who decides comes from the sign-in, never from the body. */
export const ApprovalInputSchema = z.strictObject({
  comment: z.string().trim().max(2_000).optional(),
});

export type ApprovalDecision = "approved" | "rejected";

/**
 * A second person's answer to a request waiting for approval. Approval diagnoses again (the tenant
 * may have changed while it waited) with the plan allowed for this request only; rejection ends it.
 * The person who asked cannot decide their own request. The decision is on the trail and the ticket.
 */
export async function decideApproval(id: string, decision: ApprovalDecision, body: unknown, approver: Operator, deps: RemediationDeps): Promise<RemediationRecord> {
  const input = validate(ApprovalInputSchema, body ?? {});
  const session = isRemediationId(id) ? await RequestSession.load(id, deps) : null;
  if (!session) throw remediationNotFound(id);
  const record = session.record;
  if (record.status !== "awaiting-approval") {
    throw new AppError("NOT_AWAITING_APPROVAL", `Request ${record.id} is ${record.status}; only a request awaiting approval can be approved or rejected.`);
  }
  await refuseOwnRequest(record, approver, deps);
  if (approvalExpired(record, deps.now())) {
    await expireApproval(session);
    throw new AppError("NOT_AWAITING_APPROVAL", `Request ${record.id} waited longer than its tenant's approvalHours and ended rejected.`);
  }
  const at = deps.now().toISOString();
  const by = operatorRef(approver);
  const plan = record.approvalRequest?.plan ?? { steps: [], mailbox: record.mailbox, userId: record.userId ?? null };
  record.approval = { decision, by, at, plan, ...(input.comment ? { comment: input.comment } : {}) };
  record.approvalRequest = undefined;
  record.approvalDeadline = undefined;
  record.approvalRefused = undefined;
  try {
    if (decision === "rejected") {
      await session.finish("rejected", input.comment ? reasonCode("rejected-by-comment", { who: approver.upn, comment: input.comment }) : reasonCode("rejected-by", { who: approver.upn }));
    } else {
      Object.assign(record, { status: "queued", reason: undefined, reasonCode: undefined, attention: undefined, completedAt: undefined });
      await session.enqueue("diagnose", "run", record.diagnoseAttempts + 1);
    }
  } catch (e) {
    if (isConcurrentUpdate(e)) throw new AppError("NOT_AWAITING_APPROVAL", `Request ${record.id} was decided by someone else just now.`, { cause: e });
    throw e;
  }
  appMetrics().approvalWait.record(session.ageMs() / 1000, { decision });
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "approval-decided", at, after: decision, requestedBy: describeOperator(by), detail: input.comment });
  return record;
}

/**
 * Refuses the requester, by object id, or a ticket whose named requester is any address of this
 * operator: one their token names, or one the operators' directory knows (a proxy address). When the
 * directory cannot be read the ticket's requester cannot be shown to be someone else, so this
 * operator may not decide it (fail closed); another approver whose addresses can be read may.
 */
async function refuseOwnRequest(record: RemediationRecord, approver: Operator, deps: Pick<RemediationDeps, "operatorDirectory">): Promise<void> {
  const own = () => new AppError("SELF_APPROVAL", `${approver.upn} asked for request ${record.id}; another person with Remediation.Approve must decide it.`);
  if (record.requestedBy && isSameOperator(record.requestedBy, approver)) throw own();
  if (!record.ticketRequester) return;
  if (isOperatorAddress(approver, record.ticketRequester)) throw own();
  let addresses: string[];
  try {
    addresses = await deps.operatorDirectory.addressesOf(approver.oid);
  } catch (e) {
    throw new AppError("APPROVER_ADDRESSES_UNKNOWN", `Request ${record.id} came from a ticket by ${record.ticketRequester}, and ${approver.upn}'s addresses in the operators' directory could not be read (${(e as Error).message}), so it cannot be shown that the ticket is not theirs; another person with Remediation.Approve must decide it, or try again.`, { cause: e });
  }
  if (isOperatorAddress({ addresses }, record.ticketRequester)) throw own();
}
