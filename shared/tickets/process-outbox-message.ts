import { deliverNote } from "./deliver-note";
import { enqueueTicketNote, readOutboxMessage } from "./outbox-message";
import { decideRetry, outboxRetryPolicy } from "./outbox-retry";
import type { MessageQueue } from "../queue/message-queue";
import type { TicketSettings } from "./comment-request";
import type { NoteTrail } from "./note-trail";
import type { TicketNote } from "./ticket-note";
import type { TicketConnection } from "./systems";
import type { TicketSystem } from "../domain/types";

export interface ProcessOutboxDeps {
  settings: { raw: TicketSettings };
  queue: MessageQueue;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  /** Jitter source; tests pin it. */
  random?: () => number;
  log?: (message: string) => void;
  /** Records on the request whether its ticket got this note (the request's event trail). */
  trail?: NoteTrail;
  /** Tenants' own ticket connections, for notes of tickets that came through a tenant's endpoint. */
  connections?: { get(tenantId: string, system: TicketSystem): Promise<TicketConnection | undefined> };
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
  const outcome = await deliverWithConnection(note, deps);
  if (outcome.outcome === "delivered") {
    log(`ticket outbox: ${note.kind} note delivered to ${note.system} ticket ${note.ticketId} (attempt ${attempt})`);
    // Never thrown: a re-run for a failed trail write would post the note to the ticket twice.
    await onTrail(() => deps.trail?.delivered(note, attempt), log);
    return { outcome: "delivered", attempt };
  }
  if (outcome.outcome === "give-up") return giveUp(note, attempt, outcome.reason, deps);
  const decision = decideRetry(attempt, outboxRetryPolicy(deps.settings.raw, note.system), outcome.retryAfterMs, deps.random ?? Math.random);
  if (decision.action === "exhausted") return giveUp(note, attempt, `${outcome.reason}; ${attempt} attempts made`, deps);
  await enqueueTicketNote(deps.queue, { ...note, attempt }, decision.delayMs);
  log(`ticket outbox: ${note.system} ticket ${note.ticketId} note re-scheduled in ${decision.delayMs} ms: ${outcome.reason}`);
  return { outcome: "rescheduled", attempt, delayMs: decision.delayMs, reason: outcome.reason };
}

/**
 * A tenant endpoint's ticket is written back through that tenant's connection only: never the app's
 * settings, never another tenant's. A connection that cannot be read now is a retry, not a fallback.
 */
async function deliverWithConnection(note: TicketNote, deps: ProcessOutboxDeps): ReturnType<typeof deliverNote> {
  const timing = deps.now ? { now: deps.now } : {};
  if (!note.connectionTenantId) return deliverNote(note, deps.settings, deps.fetchImpl, timing);
  let connection: TicketConnection | undefined;
  try {
    connection = await deps.connections?.get(note.connectionTenantId, note.system);
  } catch (error) {
    return { outcome: "retry", reason: `the tenant's ticket connection could not be read (${error instanceof Error ? error.name : "error"})` };
  }
  return deliverNote(note, deps.settings, deps.fetchImpl, { ...timing, connection: connection ?? null });
}

/** Drops a note for good: logged, and put on its request's trail so the failure shows on the request. */
async function giveUp(note: TicketNote, attempt: number, reason: string, deps: ProcessOutboxDeps): Promise<ProcessOutboxResult> {
  const log = deps.log ?? (() => undefined);
  log(`ticket outbox: gave up on ${note.kind} note for ${note.system} ticket ${note.ticketId}: ${reason}`);
  await onTrail(() => deps.trail?.undelivered(note, reason), log);
  return { outcome: "gave-up", attempt, reason };
}

/** Writes to the request's trail; a failure is logged, not thrown: the note's fate is already decided. */
async function onTrail(write: () => Promise<void> | undefined, log: (message: string) => void): Promise<void> {
  try {
    await write();
  } catch (error) {
    log(`ticket outbox: could not record the note's delivery on its request: ${error instanceof Error ? error.name : "error"}`);
  }
}
