import { describe, expect, it } from "vitest";
import type { ServiceBusMessage } from "@azure/service-bus";
import { createServiceBusClient, ServiceBusConfigError, ServiceBusMessageQueue } from "../../../shared/queue/service-bus-queue";
import type { MessageSender } from "../../../shared/queue/service-bus-queue";
import { QUEUES } from "../../../shared/queue/queue-names";
import { loadSettings } from "../../../shared/config/settings";

const NOW = Date.parse("2025-01-02T03:04:05.000Z");

class FakeSender {
  readonly sent: ServiceBusMessage[] = [];
  readonly scheduled: { message: ServiceBusMessage; at: Date }[] = [];
  closed = false;
  constructor(readonly queue: string) {}
  async sendMessages(message: ServiceBusMessage): Promise<void> {
    this.sent.push(message);
  }
  async scheduleMessages(message: ServiceBusMessage, at: Date): Promise<never[]> {
    this.scheduled.push({ message, at });
    return [];
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function queueWithFakes() {
  const senders: FakeSender[] = [];
  const queue = new ServiceBusMessageQueue(
    (name) => {
      const sender = new FakeSender(name);
      senders.push(sender);
      return sender as unknown as MessageSender;
    },
    { now: () => NOW },
  );
  return { queue, senders };
}

describe("ServiceBusMessageQueue", () => {
  it("sends a JSON message with its id, correlation id and application properties", async () => {
    const { queue, senders } = queueWithFakes();
    await queue.send(QUEUES.steps, { requestId: "r1", stage: 2 }, {
      messageId: "r1:2:1",
      correlationId: "corr-1",
      applicationProperties: { attempt: 1, step: "enable-mailbox-smtp-auth" },
    });
    expect(senders).toHaveLength(1);
    expect(senders[0]!.queue).toBe("remediation-steps");
    expect(senders[0]!.scheduled).toEqual([]);
    expect(senders[0]!.sent).toEqual([
      {
        body: { requestId: "r1", stage: 2 },
        messageId: "r1:2:1",
        correlationId: "corr-1",
        contentType: "application/json",
        applicationProperties: { attempt: 1, step: "enable-mailbox-smtp-auth" },
      },
    ]);
  });

  it("schedules a delayed message for now plus the delay", async () => {
    const { queue, senders } = queueWithFakes();
    await queue.send(QUEUES.steps, { requestId: "r1" }, { messageId: "m-1", delayMs: 90_000 });
    const sender = senders[0]!;
    expect(sender.sent).toEqual([]);
    expect(sender.scheduled).toHaveLength(1);
    expect(sender.scheduled[0]!.at.toISOString()).toBe("2025-01-02T03:05:35.000Z");
    expect(sender.scheduled[0]!.message.messageId).toBe("m-1");
  });

  it("sends at once when the delay is zero", async () => {
    const { queue, senders } = queueWithFakes();
    await queue.send(QUEUES.audits, {}, { messageId: "a-1", delayMs: 0 });
    expect(senders[0]!.sent.map((m) => m.messageId)).toEqual(["a-1"]);
    expect(senders[0]!.scheduled).toEqual([]);
  });

  it("reuses one sender per queue and closes them all", async () => {
    const { queue, senders } = queueWithFakes();
    await queue.send(QUEUES.steps, 1, { messageId: "1" });
    await queue.send(QUEUES.steps, 2, { messageId: "2" });
    await queue.send(QUEUES.ticketOutbox, 3, { messageId: "3" });
    expect(senders.map((s) => s.queue)).toEqual(["remediation-steps", "ticket-outbox"]);
    await queue.close();
    expect(senders.every((s) => s.closed)).toBe(true);
  });

  it("refuses to build a client when no connection is configured", () => {
    const settings = loadSettings({ QUEUE_TRANSPORT: "servicebus" });
    expect(() => createServiceBusClient(settings)).toThrow(ServiceBusConfigError);
  });

  it("builds a client for a managed-identity namespace without a connection string", async () => {
    const settings = loadSettings({ ServiceBusConnection__fullyQualifiedNamespace: "example.servicebus.windows.net" });
    const client = createServiceBusClient(settings);
    expect(client.fullyQualifiedNamespace).toBe("example.servicebus.windows.net");
    await client.close();
  });
});
