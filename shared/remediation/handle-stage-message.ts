import { isTerminalStatus } from "../domain/types";
import { isConcurrentUpdate } from "../store/request-store";
import type { RemediationDeps } from "./remediation-deps";
import { RequestSession, sendStageMessage } from "./request-session";
import { runDiagnosis } from "./run-diagnosis";
import { runStep } from "./run-step";
import type { RemediationRecord } from "./remediation-record";
import { inSpan } from "../telemetry/tracing";
import { inWork } from "../telemetry/work-tally";
import { logPrefix, requestAttributes } from "./request-attributes";
import { parseStageMessage, PoisonMessageError, type StageMessage } from "./stage-message";

/**
 * What became of one delivery: run, dropped as stale (a duplicate or an older attempt), parked until
 * a lease ends, or deferred because its tenant already has its share of this worker's stages.
 */
export type StageOutcome = "ran" | "stale" | "waiting" | "deferred";

/** Margin after a lease ends before a waiting copy tries again. */
const LEASE_MARGIN_MS = 250;
/** A deferred stage comes back after 1–2 s: about when one of its tenant's stages has moved on. */
const TENANT_BUSY_DELAY_MS = 1_000;
/** After a wait in its tenant's line, a stage takes its lease only on a fresh read of the record. */
const SLOT_WAIT_RELOAD_MS = 50;

/** What the record says about a delivery: not the one it waits for, held by another worker, or free to run. */
type Verdict = { kind: "stale" } | { kind: "leased"; until: number } | { kind: "free"; session: RequestSession };

async function readVerdict(message: StageMessage, deps: RemediationDeps): Promise<Verdict> {
  const session = await RequestSession.load(message.requestId, deps);
  if (!session) throw new PoisonMessageError(`No remediation request ${message.requestId}.`);
  const { status, next, lease } = session.record;
  if (isTerminalStatus(status) || !next || next.stage !== message.stage || next.phase !== message.phase || next.attempt !== message.attempt) {
    return { kind: "stale" };
  }
  const leaseEnd = lease ? Date.parse(lease.until) : 0;
  return leaseEnd > deps.now().getTime() ? { kind: "leased", until: leaseEnd } : { kind: "free", session };
}

/**
 * The step worker's use case. A delivery runs only if it is the message the request waits for
 * (`record.next`) and no other worker holds the request's lease; taking the lease is a conditional
 * write, so of two copies delivered at once exactly one runs and the other waits, then finds itself stale.
 * Before the lease it takes one of its tenant's stage slots in this process (see TenantStageSlots).
 */
export async function handleStageMessage(body: unknown, deps: RemediationDeps): Promise<StageOutcome> {
  const message = parseStageMessage(body);
  let verdict = await readVerdict(message, deps);
  if (verdict.kind !== "free") return settle(verdict, message, deps);
  const askedAt = deps.now().getTime();
  const releaseSlot = deps.tenantSlots ? await deps.tenantSlots.take(verdict.session.record.tenantId) : () => {};
  if (!releaseSlot) {
    await sendStageMessage(deps, message, TENANT_BUSY_DELAY_MS + Math.floor(deps.random() * TENANT_BUSY_DELAY_MS), `busy-${askedAt}`);
    return "deferred";
  }
  try {
    // After a wait in the tenant's line the record may have moved on: read it again.
    if (deps.now().getTime() - askedAt > SLOT_WAIT_RELOAD_MS) verdict = await readVerdict(message, deps);
    for (let pass = 0; pass < 3; pass++) {
      if (pass > 0) verdict = await readVerdict(message, deps);
      if (verdict.kind !== "free") return await settle(verdict, message, deps);
      const { session } = verdict;
      const now = deps.now();
      session.record.lease = { until: new Date(now.getTime() + deps.leaseMs).toISOString() };
      markStageRunning(session.record, message, now);
      try {
        await session.save();
      } catch (e) {
        if (isConcurrentUpdate(e)) continue; // another copy took it first: read again and wait for its lease
        throw e;
      }
      await runStage(message, session, deps);
      return "ran";
    }
    return "stale";
  } finally {
    releaseSlot();
  }
}

/** The stage itself, as one span of the request's trace, its log lines prefixed with the request's ids. */
function runStage(message: StageMessage, session: RequestSession, deps: RemediationDeps): Promise<void> {
  const ids = logPrefix(session.record);
  const log = { info: (m: string) => deps.log.info(`${ids} ${m}`), warn: (m: string) => deps.log.warn(`${ids} ${m}`), error: (m: string) => deps.log.error(`${ids} ${m}`) };
  const attributes = { ...requestAttributes(session.record), "remediation.stage": message.stage, "remediation.phase": message.phase, "remediation.attempt": message.attempt };
  const run = () => (message.stage === "diagnose" ? runDiagnosis(message, session, { ...deps, log }) : runStep(message, session, { ...deps, log }));
  return inSpan(`stage ${message.stage}`, attributes, () => inWork("remediation", run));
}

/** A stale delivery is dropped; one that meets another worker's lease comes back just after it. */
async function settle(verdict: Exclude<Verdict, { kind: "free" }>, message: StageMessage, deps: RemediationDeps): Promise<StageOutcome> {
  if (verdict.kind === "stale") return "stale";
  await sendStageMessage(deps, message, verdict.until - deps.now().getTime() + LEASE_MARGIN_MS, `wait-${verdict.until}`);
  return "waiting";
}

/** What a running stage shows, saved with the lease in the same write. */
function markStageRunning(record: RemediationRecord, message: StageMessage, now: Date): void {
  record.status = "running";
  if (message.stage === "diagnose") {
    record.diagnoseAttempts = message.attempt;
    return;
  }
  const step = record.steps.find((s) => s.name === message.stage);
  if (!step) return;
  step.status = "running";
  step.attempts = message.attempt;
  step.startedAt ??= now.toISOString();
}
