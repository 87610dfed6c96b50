import { randomUUID } from "node:crypto";
import { InvocationContext } from "@azure/functions";
import type { LogHandler, TriggerMetadata } from "@azure/functions";
import type { DequeuedMessageItem, QueueClient } from "@azure/storage-queue";
import { deadLetterQueueName, localQueueNameFor, parseDeadLetter, parseEnvelope } from "../../shared/queue/local-envelope";
import type { LocalDeadLetter, LocalEnvelope } from "../../shared/queue/local-envelope";
import { LocalMessageQueue } from "../../shared/queue/local-queue";
import { MessageLock } from "./message-lock";

/** Service Bus defaults the receiver mirrors. */
export const RECEIVER_DEFAULTS = { maxConcurrentCalls: 8, lockSeconds: 30, maxDeliveryCount: 10, idlePollMs: 500 } as const;
const BUSY_POLL_MS = 20;
const MAX_BATCH = 32; // Storage queues hand out at most 32 messages per receive.

/** A Service Bus trigger handler, called as the Functions host calls it. */
export type QueueTriggerHandler = (body: unknown, context: InvocationContext) => unknown;

/** Options for {@link LocalQueueReceiver}. */
export interface LocalQueueReceiverOptions {
  connectionString: string;
  /** The trigger's queueName; `<queue>/$DeadLetterQueue` reads `<queue>-deadletter`. */
  queueName: string;
  functionName: string;
  handler: QueueTriggerHandler;
  maxConcurrentCalls?: number;
  /** Peek-lock duration: how long a received message stays invisible before it is renewed. */
  lockSeconds?: number;
  maxDeliveryCount?: number;
  /** host.json maxAutoLockRenewalDuration in ms (default: renew for as long as the handler runs). */
  maxLockRenewalMs?: number;
  /** Longest pause between polls when the queue is empty. */
  idlePollMs?: number;
  /** Where `context.log` and friends go. */
  logHandler?: LogHandler;
  /** Receiver's own notices (dead letters, storage errors). */
  log?: (line: string) => void;
}

/**
 * The receiving half of the local transport, doing what the Functions host does for a Service Bus
 * trigger: peek-lock with renewal, complete on success, abandon on throw (redelivered at once),
 * dead-letter after maxDeliveryCount or when the message is not an envelope.
 */
export class LocalQueueReceiver {
  private readonly queues: LocalMessageQueue;
  private readonly queue: string;
  private readonly isDeadLetterQueue: boolean;
  private readonly settings: Required<Pick<LocalQueueReceiverOptions, "maxConcurrentCalls" | "lockSeconds" | "maxDeliveryCount" | "idlePollMs">>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly locks = new Set<MessageLock>();
  private stopping = false;
  private wake: () => void = () => {};
  private loop: Promise<void> | undefined;

  constructor(private readonly options: LocalQueueReceiverOptions) {
    this.queues = new LocalMessageQueue(options.connectionString);
    const target = localQueueNameFor(options.queueName);
    this.queue = target.queue;
    this.isDeadLetterQueue = target.isDeadLetter;
    this.settings = {
      maxConcurrentCalls: options.maxConcurrentCalls ?? RECEIVER_DEFAULTS.maxConcurrentCalls,
      lockSeconds: options.lockSeconds ?? RECEIVER_DEFAULTS.lockSeconds,
      maxDeliveryCount: options.maxDeliveryCount ?? RECEIVER_DEFAULTS.maxDeliveryCount,
      idlePollMs: options.idlePollMs ?? RECEIVER_DEFAULTS.idlePollMs,
    };
  }

  /** The Azurite queue this receiver reads. */
  get localQueueName(): string {
    return this.queue;
  }

  /** Creates the queue if needed and starts polling. */
  async start(): Promise<void> {
    const client = await this.queues.queueClient(this.queue);
    this.loop = this.pollLoop(client);
  }

  /** Stops polling and waits up to `graceMs` for running handlers; unfinished ones are redelivered later. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    // Handlers still running lose their lock, so another host can take the message once it expires.
    for (const lock of this.locks) lock.stopRenewing();
  }

  private async pollLoop(client: QueueClient): Promise<void> {
    let idleMs = BUSY_POLL_MS;
    while (!this.stopping) {
      const free = this.settings.maxConcurrentCalls - this.inFlight.size;
      if (free <= 0) {
        await Promise.race([...this.inFlight, this.sleep(this.settings.idlePollMs)]);
        continue;
      }
      let messages: DequeuedMessageItem[];
      try {
        const result = await client.receiveMessages({
          numberOfMessages: Math.min(free, MAX_BATCH),
          visibilityTimeout: this.settings.lockSeconds,
        });
        messages = result.receivedMessageItems;
      } catch (e) {
        this.notice(`receive from ${this.queue} failed: ${errorText(e)}`);
        await this.sleep(this.settings.idlePollMs);
        continue;
      }
      if (messages.length === 0) {
        await this.sleep(idleMs);
        idleMs = Math.min(idleMs * 2, this.settings.idlePollMs);
        continue;
      }
      idleMs = BUSY_POLL_MS;
      for (const message of messages) {
        const run: Promise<void> = this.process(client, message)
          .catch((e: unknown) => this.notice(`message ${message.messageId} on ${this.queue}: ${errorText(e)}`))
          .finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      }
    }
  }

  private async process(client: QueueClient, message: DequeuedMessageItem): Promise<void> {
    const lock = new MessageLock(client, message, this.settings.lockSeconds, (e) =>
      this.notice(`lock renewal for ${message.messageId} on ${this.queue} failed: ${errorText(e)}`),
      this.options.maxLockRenewalMs,
    );
    const delivery = this.toDelivery(message);
    if ("problem" in delivery) {
      if (this.isDeadLetterQueue) this.notice(`dropping unreadable dead letter ${message.messageId}: ${delivery.problem}`);
      else await this.deadLetter(message.messageText, "MalformedEnvelope", delivery.problem);
      await lock.complete();
      return;
    }
    const deliveryCount = message.dequeueCount;
    if (deliveryCount > this.settings.maxDeliveryCount) {
      // A handler that crashed the host (lock expired) still counts as a delivery, as on Service Bus.
      await this.exhausted(delivery.original, lock);
      return;
    }
    const context = new InvocationContext({
      functionName: this.options.functionName,
      invocationId: randomUUID(),
      triggerMetadata: { ...delivery.metadata, deliveryCount },
      ...(this.options.logHandler ? { logHandler: this.options.logHandler } : {}),
    });
    lock.startRenewing();
    this.locks.add(lock);
    try {
      await this.options.handler(delivery.body, context);
    } catch (e) {
      // A handler that says no retry can help (a poison message) dead-letters it at once, with its
      // reason; anything else is abandoned and Service Bus redelivers it at once.
      if (isPoison(e) && !this.isDeadLetterQueue) {
        await this.deadLetter(delivery.original as LocalEnvelope, "PoisonMessage", e.message);
        await lock.complete();
      } else if (deliveryCount >= this.settings.maxDeliveryCount) await this.exhausted(delivery.original, lock);
      else await lock.abandon();
      return;
    } finally {
      this.locks.delete(lock);
    }
    await lock.complete();
  }

  private async exhausted(original: LocalEnvelope | LocalDeadLetter, lock: MessageLock): Promise<void> {
    const description = `Message could not be consumed after ${this.settings.maxDeliveryCount} delivery attempts.`;
    if (this.isDeadLetterQueue) this.notice(`dropping dead letter on ${this.queue}: ${description}`);
    else await this.deadLetter(original as LocalEnvelope, "MaxDeliveryCountExceeded", description);
    await lock.complete();
  }

  private async deadLetter(envelope: LocalEnvelope | string, reason: string, description: string): Promise<void> {
    const entry: LocalDeadLetter = {
      envelope,
      deadLetterReason: reason,
      deadLetterErrorDescription: description,
      deadLetteredAt: new Date().toISOString(),
    };
    await this.queues.sendText(deadLetterQueueName(this.queue), JSON.stringify(entry));
    this.notice(`dead-lettered a message from ${this.queue}: ${reason}`);
  }

  private toDelivery(message: DequeuedMessageItem): Delivery | { problem: string } {
    return this.isDeadLetterQueue ? fromDeadLetter(message) : fromEnvelope(message);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private notice(line: string): void {
    (this.options.log ?? console.warn)(`[${this.options.functionName}] ${line}`);
  }
}

interface Delivery {
  body: unknown;
  metadata: TriggerMetadata;
  original: LocalEnvelope | LocalDeadLetter;
}

function fromEnvelope(message: DequeuedMessageItem): Delivery | { problem: string } {
  const parsed = parseEnvelope(message.messageText);
  if ("problem" in parsed) return parsed;
  return { body: parsed.envelope.body, metadata: envelopeMetadata(parsed.envelope), original: parsed.envelope };
}

function fromDeadLetter(message: DequeuedMessageItem): Delivery | { problem: string } {
  const parsed = parseDeadLetter(message.messageText);
  if ("problem" in parsed) return parsed;
  const { envelope, deadLetterReason, deadLetterErrorDescription } = parsed.deadLetter;
  const base: TriggerMetadata =
    typeof envelope === "string"
      ? { messageId: message.messageId, enqueuedTimeUtc: message.insertedOn.toISOString(), applicationProperties: {} }
      : envelopeMetadata(envelope);
  // Service Bus puts the reason both on the message and in its application properties.
  const applicationProperties = {
    ...(base.applicationProperties as Record<string, unknown>),
    DeadLetterReason: deadLetterReason,
    DeadLetterErrorDescription: deadLetterErrorDescription,
  };
  return {
    body: typeof envelope === "string" ? envelope : envelope.body,
    metadata: { ...base, applicationProperties, deadLetterReason, deadLetterErrorDescription },
    original: parsed.deadLetter,
  };
}

function envelopeMetadata(envelope: LocalEnvelope): TriggerMetadata {
  return {
    messageId: envelope.messageId,
    enqueuedTimeUtc: envelope.enqueuedAt,
    correlationId: envelope.correlationId,
    applicationProperties: envelope.applicationProperties ?? {},
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** An error that marks its message as one no redelivery can help (see PoisonMessageError). */
function isPoison(e: unknown): e is Error & { deadLetter: true } {
  return e instanceof Error && (e as { deadLetter?: unknown }).deadLetter === true;
}
