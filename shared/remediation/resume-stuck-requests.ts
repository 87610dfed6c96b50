import type { RemediationDeps } from "./remediation-deps";
import { sendStageMessage } from "./request-session";

export interface SweepResult {
  examined: number;
  resumed: number;
}

/**
 * Finds requests that are not finished and have not moved for `stuckAfterMs` (a message lost
 * between save and send, a host that died holding a lease) and sends their next message again.
 * Safe to run any time: a resent message that turns out to be a duplicate is dropped as stale.
 */
export async function resumeStuckRequests(deps: RemediationDeps, stuckAfterMs: number): Promise<SweepResult> {
  const now = deps.now();
  const before = new Date(now.getTime() - stuckAfterMs);
  let examined = 0;
  let resumed = 0;
  for await (const record of deps.requests.listUnfinishedSince(before)) {
    examined++;
    if (!record.next) continue;
    if (record.lease && Date.parse(record.lease.until) > now.getTime()) continue;
    await sendStageMessage(deps, { requestId: record.id, ...record.next }, 0, `sweep-${now.getTime()}`);
    deps.log.warn(`Resumed stuck request ${record.id} at ${record.next.stage} attempt ${record.next.attempt}.`);
    resumed++;
  }
  return { examined, resumed };
}
