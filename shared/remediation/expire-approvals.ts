import { isConcurrentUpdate } from "../store/request-store";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord } from "./remediation-record";
import { RequestSession } from "./request-session";

/** Whether a request waiting for a second person has passed its tenant's approvalHours. */
export function approvalExpired(record: RemediationRecord, now: Date): boolean {
  return record.status === "awaiting-approval" && record.approvalDeadline !== undefined && Date.parse(record.approvalDeadline) <= now.getTime();
}

/** Ends an undecided request: nothing of its plan ran, and the reason says nobody decided in time. */
export async function expireApproval(session: RequestSession): Promise<void> {
  session.record.approvalRequest = undefined;
  await session.finish("rejected", `Nobody approved or rejected it before ${session.record.approvalDeadline} (the tenant's approvalHours); ended without changes.`);
}

/**
 * Ends every request that waited for approval past its deadline (run by the sweep timer). A request
 * decided by someone at the same moment wins over the expiry: its conditional save goes first.
 */
export async function expireUndecidedApprovals(deps: RemediationDeps): Promise<number> {
  const now = deps.now();
  let expired = 0;
  for await (const candidate of deps.requests.listAwaitingApprovalUntil(now)) {
    const session = await RequestSession.load(candidate.id, deps);
    if (!session || !approvalExpired(session.record, now)) continue;
    try {
      await expireApproval(session);
      expired++;
    } catch (e) {
      if (!isConcurrentUpdate(e)) throw e;
    }
  }
  return expired;
}
