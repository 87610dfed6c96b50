import { isTerminalStatus } from "../domain/types";
import { isConcurrentUpdate } from "../store/request-store";
import type { RemediationDeps } from "./remediation-deps";
import { RequestSession, sendStageMessage } from "./request-session";
import { runDiagnosis } from "./run-diagnosis";
import { runStep } from "./run-step";
import { parseStageMessage, PoisonMessageError } from "./stage-message";

/** What became of one delivery: run, dropped as stale (a duplicate or an older attempt), or parked until a lease ends. */
export type StageOutcome = "ran" | "stale" | "waiting";

/** Margin after a lease ends before a waiting copy tries again. */
const LEASE_MARGIN_MS = 250;

/**
 * The step worker's use case. A delivery runs only if it is the message the request waits for
 * (`record.next`) and no other worker holds the request's lease; taking the lease is a conditional
 * write, so of two copies delivered at once exactly one runs and the other waits, then finds itself stale.
 */
export async function handleStageMessage(body: unknown, deps: RemediationDeps): Promise<StageOutcome> {
  const message = parseStageMessage(body);
  for (let pass = 0; pass < 3; pass++) {
    const session = await RequestSession.load(message.requestId, deps);
    if (!session) throw new PoisonMessageError(`No remediation request ${message.requestId}.`);
    const record = session.record;
    const next = record.next;
    if (isTerminalStatus(record.status) || !next || next.stage !== message.stage || next.phase !== message.phase || next.attempt !== message.attempt) {
      return "stale";
    }
    const now = deps.now().getTime();
    const leaseEnd = record.lease ? Date.parse(record.lease.until) : 0;
    if (leaseEnd > now) {
      await sendStageMessage(deps, message, leaseEnd - now + LEASE_MARGIN_MS, `wait-${leaseEnd}`);
      return "waiting";
    }
    record.lease = { until: new Date(now + deps.leaseMs).toISOString() };
    try {
      await session.save();
    } catch (e) {
      if (isConcurrentUpdate(e)) continue; // another copy took it first: read again and wait for its lease
      throw e;
    }
    if (message.stage === "diagnose") await runDiagnosis(message, session, deps);
    else await runStep(message, session, deps);
    return "ran";
  }
  return "stale";
}
