import { ServiceBusClient } from "@azure/service-bus";
import type { ServiceBusMessage, ServiceBusSender } from "@azure/service-bus";
import { DefaultAzureCredential } from "@azure/identity";
import type { Settings } from "../config/settings";
import type { MessageQueue, SendOptions } from "./message-queue";
import type { QueueName } from "./queue-names";

/** The part of a ServiceBusSender this transport uses; tests pass a fake. */
export type MessageSender = Pick<ServiceBusSender, "sendMessages" | "scheduleMessages" | "close">;

/** Options for {@link ServiceBusMessageQueue}. */
export interface ServiceBusMessageQueueOptions {
  /** Clock for scheduled times; tests pin it. */
  now?: () => number;
  /** Closed together with the queue (the client that made the senders). */
  onClose?: () => Promise<void>;
}

/** Raised when neither a connection string nor a namespace is configured. */
export class ServiceBusConfigError extends Error {
  override readonly name = "ServiceBusConfigError";
}

/**
 * The sending half of the Service Bus transport. One cached sender per queue; a delay becomes a
 * scheduled message, so retries wait on the broker, not in the worker.
 */
export class ServiceBusMessageQueue implements MessageQueue {
  private readonly senders = new Map<string, MessageSender>();
  private readonly now: () => number;

  constructor(
    private readonly createSender: (queue: string) => MessageSender,
    private readonly options: ServiceBusMessageQueueOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Builds the transport from app settings: connection string, else managed identity on the namespace. */
  static fromSettings(settings: Settings): ServiceBusMessageQueue {
    const client = createServiceBusClient(settings);
    return new ServiceBusMessageQueue((queue) => client.createSender(queue), { onClose: () => client.close() });
  }

  /** Sends one message now, or schedules it `delayMs` from now. */
  async send(queue: QueueName, body: unknown, options: SendOptions): Promise<void> {
    const message: ServiceBusMessage = {
      body,
      messageId: options.messageId,
      contentType: "application/json",
    };
    if (options.correlationId !== undefined) message.correlationId = options.correlationId;
    if (options.applicationProperties !== undefined) message.applicationProperties = { ...options.applicationProperties };
    const sender = this.senderFor(queue);
    if (options.delayMs !== undefined && options.delayMs > 0) {
      await sender.scheduleMessages(message, new Date(this.now() + options.delayMs));
    } else {
      await sender.sendMessages(message);
    }
  }

  async close(): Promise<void> {
    const senders = [...this.senders.values()];
    this.senders.clear();
    await Promise.all(senders.map((s) => s.close()));
    await this.options.onClose?.();
  }

  private senderFor(queue: string): MessageSender {
    let sender = this.senders.get(queue);
    if (!sender) {
      sender = this.createSender(queue);
      this.senders.set(queue, sender);
    }
    return sender;
  }
}

/** A ServiceBusClient from `ServiceBusConnection` or `ServiceBusConnection__fullyQualifiedNamespace`. */
export function createServiceBusClient(settings: Settings): ServiceBusClient {
  if (settings.ServiceBusConnection) return new ServiceBusClient(settings.ServiceBusConnection);
  const namespace = settings.ServiceBusConnection__fullyQualifiedNamespace;
  if (namespace) return new ServiceBusClient(namespace, new DefaultAzureCredential());
  throw new ServiceBusConfigError(
    "QUEUE_TRANSPORT is servicebus but neither ServiceBusConnection nor ServiceBusConnection__fullyQualifiedNamespace is set.",
  );
}
