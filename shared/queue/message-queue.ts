import type { QueueName } from "./queue-names";

export interface SendOptions {
  /** Stable id: a redelivered or duplicated send carries the same id (Service Bus duplicate detection). */
  messageId: string;
  /** Deliver no earlier than this many milliseconds from now (Service Bus scheduled message). */
  delayMs?: number;
  correlationId?: string;
  applicationProperties?: Record<string, string | number | boolean>;
}

/**
 * The sending half of the message transport. Receiving is the Functions host's job (Service Bus
 * trigger in Azure, the local host's poller over Azurite queues in dev/).
 */
export interface MessageQueue {
  send(queue: QueueName, body: unknown, options: SendOptions): Promise<void>;
  close(): Promise<void>;
}
