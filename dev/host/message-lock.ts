import type { DequeuedMessageItem, QueueClient } from "@azure/storage-queue";

/**
 * The peek-lock on one received Azurite message: its invisibility. Renewal, completion and
 * abandonment all need the latest pop receipt, so they run one after another through `chain`.
 */
export class MessageLock {
  private popReceipt: string;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private settled = false;

  constructor(
    private readonly client: QueueClient,
    private readonly message: DequeuedMessageItem,
    private readonly lockSeconds: number,
    private readonly onRenewalError: (e: unknown) => void,
    /** Like Service Bus maxAutoLockRenewalDuration: renewal stops after this long. */
    private readonly maxRenewalMs = Number.POSITIVE_INFINITY,
  ) {
    this.popReceipt = message.popReceipt;
  }

  /** Keeps the message invisible while a long handler runs, renewing at half the lock duration. */
  startRenewing(): void {
    const everyMs = Math.max(250, (this.lockSeconds * 1000) / 2);
    const stopAt = Date.now() + this.maxRenewalMs;
    this.timer = setInterval(() => {
      if (Date.now() > stopAt) return clearInterval(this.timer);
      this.enqueue(async () => {
        if (this.settled) return;
        await this.update(this.lockSeconds);
      }).catch(this.onRenewalError);
    }, everyMs);
  }

  /** Stops renewing without settling; the message reappears when its lock runs out. */
  stopRenewing(): void {
    clearInterval(this.timer);
  }

  /** Deletes the message: the handler succeeded (auto-complete). */
  complete(): Promise<void> {
    return this.settle(() => this.client.deleteMessage(this.message.messageId, this.popReceipt).then(() => undefined));
  }

  /** Makes the message visible again at once, so it is redelivered with a higher delivery count. */
  abandon(): Promise<void> {
    return this.settle(() => this.update(0));
  }

  private settle(action: () => Promise<void>): Promise<void> {
    clearInterval(this.timer);
    return this.enqueue(async () => {
      if (this.settled) return;
      this.settled = true;
      await action();
    });
  }

  private async update(visibilitySeconds: number): Promise<void> {
    // Pass the text back so that renewing or abandoning never changes what is redelivered.
    const result = await this.client.updateMessage(
      this.message.messageId,
      this.popReceipt,
      this.message.messageText,
      visibilitySeconds,
    );
    if (result.popReceipt) this.popReceipt = result.popReceipt;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
