import type { CodedText } from "../domain/coded-text";
import { englishReason } from "../domain/request-reasons";
import { isTerminalStatus, type RequestStatus } from "../domain/types";
import { startVerification } from "../domain/verification";
import { QUEUES } from "../queue/queue-names";
import { appMetrics } from "../telemetry/metrics";
import { traceProperties } from "../telemetry/tracing";
import type { RemediationRecord, Stage } from "./remediation-record";
import type { RemediationDeps, RemediationMilestone } from "./remediation-deps";
import { stageMessageId, type StageMessage } from "./stage-message";

/** What the ticket hears when a request settles in a status (planned ends quietly). */
const MILESTONE_BY_STATUS: Partial<Record<RequestStatus, RemediationMilestone>> = {
  succeeded: "completed",
  failed: "failed",
  rejected: "failed",
  "needs-attention": "needs-attention",
  "awaiting-approval": "needs-attention",
};

/**
 * A request as one worker holds it: the record and the ETag it was read with. Every save is
 * conditional on that ETag, so two workers on the same request cannot both win a transition.
 */
export class RequestSession {
  /** The status as last stored: a save that changes it moves the request in the index. */
  private savedStatus: RequestStatus;

  constructor(
    public record: RemediationRecord,
    private etag: string,
    private readonly deps: RemediationDeps,
  ) {
    this.savedStatus = record.status;
  }

  static async load(requestId: string, deps: RemediationDeps): Promise<RequestSession | null> {
    const found = await deps.requests.get(requestId);
    return found ? new RequestSession(found.record, found.etag, deps) : null;
  }

  /** How long the request has existed: its retry budget counts from acceptance. */
  ageMs(): number {
    return this.deps.now().getTime() - Date.parse(this.record.createdAt);
  }

  /** Saves the record as it is now (throws ConcurrentUpdateError if someone else saved first). */
  async save(): Promise<void> {
    this.record.updatedAt = this.deps.now().toISOString();
    this.etag = await this.deps.requests.update(this.record, this.etag, this.savedStatus);
    this.savedStatus = this.record.status;
  }

  /** Ends the request in a terminal status, saves, records the change and tells the ticket. */
  async finish(status: RequestStatus, why?: string | CodedText): Promise<void> {
    const now = this.deps.now().toISOString();
    const coded = typeof why === "object" ? why : undefined;
    const reason = typeof why === "object" ? englishReason(why) : why;
    this.record.status = status;
    this.record.stage = "done";
    this.record.next = undefined;
    this.record.lease = undefined;
    if (reason !== undefined) Object.assign(this.record, { reason, reasonCode: coded });
    if (isTerminalStatus(status)) this.record.completedAt = now;
    // The device is the judge: an applied fix waits for its next SMTP AUTH sign-in (verify-fixes.ts).
    // An undo is not a fix: it blocks the device again on purpose, so there is nothing to verify.
    if (status === "succeeded" && this.record.mode === "apply" && !this.record.undoOf) this.record.verification = startVerification(this.deps.now(), this.deps.verifyWindowMs);
    await this.save();
    appMetrics().remediationOutcomes.add(1, { outcome: status });
    if (isTerminalStatus(status)) appMetrics().timeToFix.record(this.ageMs() / 1000, { outcome: status });
    await this.deps.events.append({ tenantId: this.record.tenantId, requestId: this.record.id, kind: "status-changed", at: now, after: status, detail: reason, ...(coded ? { detailCode: coded } : {}) });
    const took = isTerminalStatus(status) ? ` time_to_fix_s=${(this.ageMs() / 1000).toFixed(1)}` : "";
    this.deps.log.info(`${this.record.mailbox}: request ${this.record.id} tenant ${this.record.tenantId} ${status}${took}${reason ? `: ${reason}` : ""}`);
    const milestone = MILESTONE_BY_STATUS[status];
    if (milestone) await this.deps.notify(this.record, milestone);
  }

  /**
   * Makes a stage the request's next one, releases the lease, saves, then sends its message. Saved
   * before sent: a crash in between leaves a request the stuck sweep resends, never two messages.
   */
  async enqueue(stage: Exclude<Stage, "done">, phase: StageMessage["phase"], attempt: number, delayMs = 0): Promise<void> {
    this.record.stage = stage;
    this.record.next = { stage, phase, attempt };
    this.record.lease = undefined;
    await this.save();
    await sendStageMessage(this.deps, { requestId: this.record.id, stage, phase, attempt }, delayMs);
  }

  /** Puts the same message back for later without counting an attempt (a setting lock is held elsewhere). */
  async retryLater(message: StageMessage, delayMs: number): Promise<void> {
    this.record.lease = undefined;
    await this.save();
    await sendStageMessage(this.deps, message, delayMs, `later-${this.deps.now().getTime()}`);
  }
}

/** Sends one stage message; a suffix makes a re-send (lease wait, sweep) distinct from the original. */
export async function sendStageMessage(deps: Pick<RemediationDeps, "queue">, message: StageMessage, delayMs = 0, idSuffix = ""): Promise<void> {
  await deps.queue.send(QUEUES.steps, message, {
    messageId: stageMessageId(message, idSuffix),
    correlationId: message.requestId,
    delayMs,
    applicationProperties: { stage: message.stage, attempt: message.attempt, ...traceProperties() },
  });
}

/**
 * Sends a stored request's first message. The request is already stored, so a send that fails is
 * logged, not thrown: the stuck-request sweep sends its first message if this one was lost.
 */
export async function sendFirstStage(deps: Pick<RemediationDeps, "queue" | "log">, requestId: string, what: string): Promise<void> {
  try {
    await sendStageMessage(deps, { requestId, stage: "diagnose", phase: "run", attempt: 1 });
  } catch (e) {
    deps.log.error(`Could not enqueue ${what} ${requestId}; the sweep will resume it: ${(e as Error).message}`);
  }
}
