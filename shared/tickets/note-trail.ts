import type { CodedText } from "../domain/coded-text";
import { coded, reasonCode } from "../domain/request-reasons";
import type { EventKind, EventTrail } from "../store/event-trail";
import { noConnectionReason, notConfiguredReason } from "./comment-request";
import type { TicketNote } from "./ticket-note";

/** What became of a request's ticket notes, on that request's event trail, so the timeline shows it. */
export interface NoteTrail {
  delivered(note: TicketNote, attempt: number): Promise<void>;
  undelivered(note: TicketNote, reason: string): Promise<void>;
}

/**
 * The app's NoteTrail: each note of a request becomes one event (`ticket-note-delivered` or
 * `ticket-note-undelivered`), written once per note however often the outbox re-runs. Notes not about
 * a request (intake refusals, audit findings) have no request to show it on; the log keeps them.
 */
export function noteTrailOn(events: Pick<EventTrail, "append">, now: () => Date = () => new Date()): NoteTrail {
  const record = async (note: TicketNote, kind: EventKind, text: CodedText) => {
    const { remediationId, tenantId } = note.content;
    if (!remediationId || !tenantId) return;
    await events.append(
      { tenantId, requestId: remediationId, kind, at: now().toISOString(), ticket: { system: note.system, id: note.ticketId }, ...coded(text) },
      { dedupeKey: `${kind}:${note.id}` },
    );
  };
  return {
    delivered: (note, attempt) =>
      record(note, "ticket-note-delivered", attempt > 1 ? reasonCode("event-note-delivered-retry", { kind: note.kind, attempt }) : reasonCode("event-note-delivered", { kind: note.kind })),
    undelivered: (note, reason) =>
      record(
        note,
        "ticket-note-undelivered",
        reason === notConfiguredReason(note.system)
          ? reasonCode("event-note-not-configured", { kind: note.kind, system: note.system })
          : reason === noConnectionReason(note.system)
            ? reasonCode("event-note-no-connection", { kind: note.kind, system: note.system })
            : reasonCode("event-note-undelivered", { kind: note.kind, reason }),
      ),
  };
}
