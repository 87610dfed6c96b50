import { QueueServiceClient } from "@azure/storage-queue";
import type { QueueClient } from "@azure/storage-queue";
import { encodeEnvelope } from "./local-envelope";
import type { LocalEnvelope } from "./local-envelope";
import type { MessageQueue, SendOptions } from "./message-queue";
import type { QueueName } from "./queue-names";

/** Azure Storage caps a message's initial invisibility at 7 days. */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

/** Options for {@link LocalMessageQueue}. */
export interface LocalMessageQueueOptions {
  /** Clock for enqueuedAt; tests pin it. */
  now?: () => number;
}

/**
 * The sending half of the local transport: Service Bus semantics over Azurite queues. Each message
 * is a JSON envelope; a delay becomes the message's initial visibility timeout.
 */
export class LocalMessageQueue implements MessageQueue {
  private readonly service: QueueServiceClient;
  private readonly ready = new Map<string, Promise<QueueClient>>();
  private readonly now: () => number;

  constructor(connectionString: string, options: LocalMessageQueueOptions = {}) {
    this.service = QueueServiceClient.fromConnectionString(connectionString);
    this.now = options.now ?? Date.now;
  }

  /** Sends one message; `delayMs` hides it until then (rounded up to whole seconds). */
  async send(queue: QueueName, body: unknown, options: SendOptions): Promise<void> {
    await this.sendToQueue(queue, body, options);
  }

  /** Like send, to any queue name (dead-letter queues, tests). */
  async sendToQueue(queue: string, body: unknown, options: SendOptions): Promise<void> {
    const envelope: LocalEnvelope = {
      messageId: options.messageId,
      enqueuedAt: new Date(this.now()).toISOString(),
      body,
    };
    if (options.correlationId !== undefined) envelope.correlationId = options.correlationId;
    if (options.applicationProperties !== undefined) envelope.applicationProperties = options.applicationProperties;
    await this.sendText(queue, encodeEnvelope(envelope), delayToVisibilitySeconds(options.delayMs));
  }

  /** Puts raw text on a queue as it is; the receiver dead-letters what is not an envelope. */
  async sendText(queue: string, text: string, visibilityTimeoutSeconds = 0): Promise<void> {
    const client = await this.queueClient(queue);
    // TTL -1: Service Bus queues keep messages until received; Storage would drop them after 7 days.
    await client.sendMessage(text, { visibilityTimeout: visibilityTimeoutSeconds, messageTimeToLive: -1 });
  }

  /** The queue's client, creating the queue on first use. */
  queueClient(queue: string): Promise<QueueClient> {
    let ready = this.ready.get(queue);
    if (!ready) {
      const client = this.service.getQueueClient(queue);
      ready = client.createIfNotExists().then(
        () => client,
        (e: unknown) => {
          this.ready.delete(queue);
          throw e;
        },
      );
      this.ready.set(queue, ready);
    }
    return ready;
  }

  async close(): Promise<void> {
    this.ready.clear();
  }
}

/** A delay in ms as a Storage visibility timeout: whole seconds rounded up, 0..7 days. */
export function delayToVisibilitySeconds(delayMs: number | undefined): number {
  if (delayMs === undefined || !Number.isFinite(delayMs) || delayMs <= 0) return 0;
  return Math.min(Math.ceil(delayMs / 1000), MAX_VISIBILITY_TIMEOUT_SECONDS);
}
