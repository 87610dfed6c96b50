import { z } from "zod";

/**
 * What the local transport stores in an Azurite queue message: the body plus the Service Bus
 * message properties the receiver hands to the trigger. Plain JSON text, no base64.
 */
export interface LocalEnvelope {
  messageId: string;
  correlationId?: string;
  applicationProperties?: Record<string, string | number | boolean>;
  /** ISO timestamp of the send (Service Bus enqueuedTimeUtc). */
  enqueuedAt: string;
  body: unknown;
}

/** What the receiver writes to `<queue>-deadletter`: the original envelope (or raw text) and why. */
export interface LocalDeadLetter {
  envelope: LocalEnvelope | string;
  deadLetterReason: string;
  deadLetterErrorDescription: string;
  deadLetteredAt: string;
}

const EnvelopeSchema = z.object({
  messageId: z.string().min(1),
  correlationId: z.string().optional(),
  applicationProperties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  enqueuedAt: z.string().min(1),
  body: z.unknown(),
});

const DeadLetterSchema = z.object({
  envelope: z.union([EnvelopeSchema, z.string()]),
  deadLetterReason: z.string(),
  deadLetterErrorDescription: z.string(),
  deadLetteredAt: z.string(),
});

/** Suffix of the Functions trigger's queueName that selects the dead-letter sub-queue. */
export const SERVICE_BUS_DEAD_LETTER_SUFFIX = "/$DeadLetterQueue";

/** The Azurite queue that plays the part of `<queue>/$DeadLetterQueue`. */
export function deadLetterQueueName(queue: string): string {
  return `${queue}-deadletter`;
}

/** Maps a Service Bus entity path (maybe `<queue>/$DeadLetterQueue`) to its Azurite queue name. */
export function localQueueNameFor(serviceBusQueueName: string): { queue: string; isDeadLetter: boolean } {
  if (serviceBusQueueName.endsWith(SERVICE_BUS_DEAD_LETTER_SUFFIX)) {
    const base = serviceBusQueueName.slice(0, -SERVICE_BUS_DEAD_LETTER_SUFFIX.length);
    return { queue: deadLetterQueueName(base), isDeadLetter: true };
  }
  return { queue: serviceBusQueueName, isDeadLetter: false };
}

/** Serialises an envelope to the queue message text. */
export function encodeEnvelope(envelope: LocalEnvelope): string {
  return JSON.stringify(envelope);
}

/** Parses queue message text into an envelope; a `problem` describes why it is not one. */
export function parseEnvelope(text: string): { envelope: LocalEnvelope } | { problem: string } {
  const json = parseJson(text);
  if (json === undefined) return { problem: "The message is not JSON, so it is not an envelope." };
  // z.unknown() accepts a missing key, but an envelope without a body is a sender bug.
  if (json === null || typeof json !== "object" || !("body" in json)) return { problem: "The envelope has no body." };
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) return { problem: `The envelope is invalid (fields: ${issuePaths(parsed.error)}).` };
  return { envelope: parsed.data };
}

/** Parses a dead-letter queue message text. */
export function parseDeadLetter(text: string): { deadLetter: LocalDeadLetter } | { problem: string } {
  const json = parseJson(text);
  if (json === undefined) return { problem: "The message is not JSON, so it is not a dead letter." };
  const parsed = DeadLetterSchema.safeParse(json);
  if (!parsed.success) return { problem: `The dead letter is invalid (fields: ${issuePaths(parsed.error)}).` };
  return { deadLetter: parsed.data as LocalDeadLetter };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function issuePaths(error: z.ZodError): string {
  return error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
}
