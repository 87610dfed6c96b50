import type { EventTrail } from "../store/event-trail";
import type { TicketNote } from "./ticket-note";

/**
 * ProcessOutboxDeps.recordUndelivered for the app: a note about a request that never reached its
 * ticket becomes a `ticket-note-undelivered` event on that request, once per note. Notes not about a
 * request (intake refusals, audit findings) have no request to show it on; the log keeps them.
 */
export function recordUndeliveredOn(events: Pick<EventTrail, "append">, now: () => Date = () => new Date()): (note: TicketNote, reason: string) => Promise<void> {
  return async (note, reason) => {
    const { remediationId, tenantId } = note.content;
    if (!remediationId || !tenantId) return;
    await events.append(
      {
        tenantId,
        requestId: remediationId,
        kind: "ticket-note-undelivered",
        at: now().toISOString(),
        ticket: { system: note.system, id: note.ticketId },
        detail: `the ${note.kind} note did not reach the ticket: ${reason}`,
      },
      { dedupeKey: `ticket-note-undelivered:${note.id}` },
    );
  };
}
