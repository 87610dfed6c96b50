import { z } from "zod";
import { QUEUES } from "../queue/queue-names";
import { TICKET_SYSTEMS } from "../domain/types";
import { NOTE_KINDS } from "./ticket-note";
import type { MessageQueue } from "../queue/message-queue";
import type { TicketNote } from "./ticket-note";

const optionalText = z.string().optional();
const NoteSchema = z.object({
  id: z.string().min(1).max(512),
  system: z.enum(TICKET_SYSTEMS),
  ticketId: z.string().min(1).max(256),
  ticketUrl: optionalText,
  connectionTenantId: optionalText,
  kind: z.enum(NOTE_KINDS),
  locale: z.enum(["en", "bg"]),
  attempt: z.number().int().min(0).optional(),
  content: z.object({
    remediationId: optionalText,
    mailbox: optionalText,
    statusUrl: optionalText,
    status: optionalText,
    candidates: z.array(z.string()).optional(),
    plan: z.array(z.object({ name: z.string(), risk: z.string() })).optional(),
    causes: z.array(z.object({ id: z.string(), verdict: z.string() })).optional(),
    steps: z.array(z.object({ name: z.string(), status: z.string(), before: optionalText, after: optionalText })).optional(),
    reason: optionalText,
    guidance: z.array(z.string()).optional(),
    findings: z.array(z.object({ title: z.string(), detail: optionalText })).optional(),
    tenantId: optionalText,
  }),
});

/** Reads an outbox message body (object or JSON text, as the trigger hands it over); undefined if it is not a note. */
export function readOutboxMessage(message: unknown): TicketNote | undefined {
  let value = message;
  if (typeof message === "string") {
    try {
      value = JSON.parse(message) as unknown;
    } catch {
      return undefined;
    }
  }
  const parsed = NoteSchema.safeParse(value);
  return parsed.success ? (parsed.data as TicketNote) : undefined;
}

/** Puts a note on the ticket outbox. The message id is the note id (plus the attempt), so resends dedupe. */
export async function enqueueTicketNote(queue: MessageQueue, note: TicketNote, delayMs?: number): Promise<void> {
  const attempt = note.attempt ?? 0;
  await queue.send(QUEUES.ticketOutbox, note, {
    messageId: attempt === 0 ? note.id : `${note.id}:attempt-${attempt}`,
    ...(delayMs !== undefined ? { delayMs } : {}),
    applicationProperties: { system: note.system, kind: note.kind },
  });
}
