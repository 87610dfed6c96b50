import { enqueueTicketNote } from "./outbox-message";
import type { MessageQueue } from "../queue/message-queue";
import type { TicketNote } from "./ticket-note";

/** The claim a note takes before it is queued: the first claim of a key wins, for good (IdempotencyKeys). */
export interface NoteClaims {
  claim(key: string, requestId: string, fingerprint: string): Promise<{ claimed: boolean }>;
  release(key: string): Promise<void>;
}

/** The ledger key of a note: its ticket and its meaning (the note id names the meaning, never the event). */
export function noteClaimKey(note: TicketNote): string {
  return `note:${note.system}:${note.ticketId}:${note.id}`;
}

/**
 * Queues a note unless this ticket already got a note with the same meaning. Ticket systems re-send a
 * ticket after every update, our own notes included, and Service Bus forgets message ids after ten
 * minutes; the claim does not. A note that could not be queued gives its claim back, so a later
 * delivery may try again. Returns whether the note was queued.
 */
export async function enqueueNoteOnce(queue: MessageQueue, claims: NoteClaims, note: TicketNote): Promise<boolean> {
  const key = noteClaimKey(note);
  const { claimed } = await claims.claim(key, note.id, note.kind);
  if (!claimed) return false;
  try {
    await enqueueTicketNote(queue, note);
  } catch (error) {
    await claims.release(key).catch(() => undefined);
    throw error;
  }
  return true;
}
