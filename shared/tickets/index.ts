/** What the rest of the app may use from ticketing intake and write-back; everything else is internal. */
export { acceptWebhook, MAX_WEBHOOK_BODY_BYTES } from "./accept-webhook";
export { webhookError } from "./webhook-errors";
export type {
  AcceptRemediationRequest,
  AcceptRemediationResult,
  AcceptWebhookDeps,
  AcceptWebhookInput,
  AcceptWebhookResult,
} from "./accept-webhook";
export { notesForRemediation, noteForAuditFindings } from "./notes-for-remediation";
export type { RemediationSummary } from "./notes-for-remediation";
export { enqueueTicketNote, readOutboxMessage } from "./outbox-message";
export { processOutboxMessage } from "./process-outbox-message";
export { noteTrailOn } from "./note-trail";
export type { NoteTrail } from "./note-trail";
export type { ProcessOutboxDeps, ProcessOutboxResult } from "./process-outbox-message";
export { deliverNote } from "./deliver-note";
export type { DeliveryOutcome } from "./deliver-note";
export { renderNote, renderNoteAdf } from "./render-note";
export { NOTE_KINDS, NOTE_MARKER } from "./ticket-note";
export type { NoteContent, NoteKind, TicketNote } from "./ticket-note";
export type { TicketEvent } from "./ticket-event";
export { signJira, signZendesk } from "./verify-signature";
export { createTicketNotifier, summaryFromRecord } from "./ticket-notifier";
export type { TicketNotifierDeps } from "./ticket-notifier";
export { defaultTicketLocale, webhookDepsFor } from "./webhook-deps";
