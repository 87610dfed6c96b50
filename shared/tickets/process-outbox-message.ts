import { deliverNote } from "./deliver-note";
import { enqueueTicketNote, readOutboxMessage } from "./outbox-message";
import { decideRetry, outboxRetryPolicy } from "./outbox-retry";
import type { MessageQueue } from "../queue/message-queue";
import type { TicketSettings } from "./comment-request";

export interface ProcessOutboxDeps {
  settings: { raw: TicketSettings };
  queue: MessageQueue;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  /** Jitter source; tests pin it. */
  random?: () => number;
  log?: (message: string) => void;
}

/** What happened to one outbox message. */
export type ProcessOutboxResult =
  | { outcome: "delivered"; attempt: number }
  | { outcome: "rescheduled"; attempt: number; delayMs: number; reason: string }
  | { outcome: "gave-up"; attempt: number; reason: string }
  | { outcome: "invalid" };

/**
 * The outbox worker's use case: deliver one note; on a retryable failure send it again, later, with the
 * attempt counted, until the limit. A failed comment is logged and dropped, never thrown: it must not
 * fail the remediation or poison the queue. Only a failure to re-schedule (the queue itself) throws.
 */
export async function processOutboxMessage(message: unknown, deps: ProcessOutboxDeps): Promise<ProcessOutboxResult> {
  const log = deps.log ?? (() => undefined);
  const note = readOutboxMessage(message);
  if (!note) {
    log("ticket outbox: dropped a message that is not a ticket note");
    return { outcome: "invalid" };
  }
  const attempt = (note.attempt ?? 0) + 1;
  const outcome = await deliverNote(note, deps.settings, deps.fetchImpl, deps.now ? { now: deps.now } : {});
  if (outcome.outcome === "delivered") {
    log(`ticket outbox: ${note.kind} note delivered to ${note.system} ticket ${note.ticketId} (attempt ${attempt})`);
    return { outcome: "delivered", attempt };
  }
  if (outcome.outcome === "give-up") {
    log(`ticket outbox: gave up on ${note.kind} note for ${note.system} ticket ${note.ticketId}: ${outcome.reason}`);
    return { outcome: "gave-up", attempt, reason: outcome.reason };
  }
  const decision = decideRetry(attempt, outboxRetryPolicy(deps.settings.raw), outcome.retryAfterMs, deps.random ?? Math.random);
  if (decision.action === "exhausted") {
    const reason = `${outcome.reason}; ${attempt} attempts made`;
    log(`ticket outbox: gave up on ${note.kind} note for ${note.system} ticket ${note.ticketId}: ${reason}`);
    return { outcome: "gave-up", attempt, reason };
  }
  await enqueueTicketNote(deps.queue, { ...note, attempt }, decision.delayMs);
  log(`ticket outbox: ${note.system} ticket ${note.ticketId} note re-scheduled in ${decision.delayMs} ms: ${outcome.reason}`);
  return { outcome: "rescheduled", attempt, delayMs: decision.delayMs, reason: outcome.reason };
}
