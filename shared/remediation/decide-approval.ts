import { z } from "zod";
import { AppError } from "../errors/app-error";
import { validate } from "../http/validate";
import { isConcurrentUpdate } from "../store/request-store";
import type { RemediationRecord } from "./remediation-record";
import type { RemediationDeps } from "./remediation-deps";
import { isRemediationId, remediationNotFound } from "./find-remediation";
import { RequestSession } from "./request-session";

export const ApprovalInputSchema = z.object({
  by: z.string().trim().min(1, "who decides (a name or UPN)").max(200),
  comment: z.string().trim().max(2_000).optional(),
});

export type ApprovalDecision = "approved" | "rejected";

/**
 * A person's answer to a request waiting for approval of a tenant-wide change. Approval diagnoses
 * again (the tenant may have changed while it waited) with that change allowed for this request
 * only; rejection ends it. Either way the decision is on the trail and on the ticket.
 */
export async function decideApproval(id: string, decision: ApprovalDecision, body: unknown, deps: RemediationDeps): Promise<RemediationRecord> {
  const input = validate(ApprovalInputSchema, body);
  const session = isRemediationId(id) ? await RequestSession.load(id, deps) : null;
  if (!session) throw remediationNotFound(id);
  const record = session.record;
  if (record.status !== "awaiting-approval") {
    throw new AppError("NOT_AWAITING_APPROVAL", `Request ${record.id} is ${record.status}; only a request awaiting approval can be approved or rejected.`);
  }
  const at = deps.now().toISOString();
  record.approval = { decision, by: input.by, at, ...(input.comment ? { comment: input.comment } : {}) };
  try {
    if (decision === "rejected") {
      await session.finish("rejected", `Rejected by ${input.by}${input.comment ? `: ${input.comment}` : "."}`);
    } else {
      Object.assign(record, { status: "queued", reason: undefined, attention: undefined, completedAt: undefined });
      await session.enqueue("diagnose", "run", record.diagnoseAttempts + 1);
    }
  } catch (e) {
    if (isConcurrentUpdate(e)) throw new AppError("NOT_AWAITING_APPROVAL", `Request ${record.id} was decided by someone else just now.`, { cause: e });
    throw e;
  }
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "approval-decided", at, after: decision, requestedBy: input.by, detail: input.comment });
  return record;
}
