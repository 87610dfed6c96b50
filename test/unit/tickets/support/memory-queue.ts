import type { MessageQueue, SendOptions } from "../../../../shared/queue/message-queue";
import type { QueueName } from "../../../../shared/queue/queue-names";

/** An in-process queue for unit tests: keeps what was sent, in order, for the test to drain. */
export class MemoryQueue implements MessageQueue {
  readonly sent: Array<{ queue: QueueName; body: unknown; options: SendOptions }> = [];
  private cursor = 0;

  async send(queue: QueueName, body: unknown, options: SendOptions): Promise<void> {
    // Round-trip through JSON, as a real transport would.
    this.sent.push({ queue, body: JSON.parse(JSON.stringify(body)) as unknown, options });
  }

  /** The next message not yet taken, or undefined when the queue is drained. */
  take(): { queue: QueueName; body: unknown; options: SendOptions } | undefined {
    const next = this.sent[this.cursor];
    if (next) this.cursor += 1;
    return next;
  }

  async close(): Promise<void> {}
}
