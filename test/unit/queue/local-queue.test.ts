import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvocationContext } from "@azure/functions";
import type { AzuriteHandle } from "../../../dev/azurite";
import { LocalQueueReceiver } from "../../../dev/host/local-queue-receiver";
import type { LocalQueueReceiverOptions } from "../../../dev/host/local-queue-receiver";
import { LocalMessageQueue, delayToVisibilitySeconds } from "../../../shared/queue/local-queue";
import type { QueueName } from "../../../shared/queue/queue-names";
import { parseStageMessage } from "../../../shared/remediation/stage-message";
import { eventually, peekTexts, startTestAzurite, uniqueQueueName } from "./azurite-fixture";

let azurite: AzuriteHandle;
let sender: LocalMessageQueue;
const receivers: LocalQueueReceiver[] = [];

beforeAll(async () => {
  azurite = await startTestAzurite();
  sender = new LocalMessageQueue(azurite.connectionString);
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop(1_000)));
  await sender?.close();
  await azurite?.close();
});

async function receive(queueName: string, handler: LocalQueueReceiverOptions["handler"], options: Partial<LocalQueueReceiverOptions> = {}) {
  const receiver = new LocalQueueReceiver({
    connectionString: azurite.connectionString,
    queueName,
    functionName: "testWorker",
    handler,
    idlePollMs: 100,
    log: () => {},
    ...options,
  });
  receivers.push(receiver);
  await receiver.start();
  return receiver;
}

const asQueue = (name: string) => name as QueueName;

describe("local transport over Azurite", () => {
  it("hands the body and Service Bus metadata to the handler, then completes the message", async () => {
    const queue = uniqueQueueName("meta");
    const seen: { body: unknown; meta: InvocationContext["triggerMetadata"]; name: string }[] = [];
    await receive(queue, (body, context) => {
      seen.push({ body, meta: context.triggerMetadata, name: context.functionName });
    });
    await sender.send(asQueue(queue), { requestId: "r1" }, {
      messageId: "m-1",
      correlationId: "c-1",
      applicationProperties: { attempt: 2 },
    });
    expect(await eventually(() => seen.length === 1)).toBe(true);
    expect(seen[0]!.body).toEqual({ requestId: "r1" });
    expect(seen[0]!.name).toBe("testWorker");
    expect(seen[0]!.meta).toMatchObject({ messageId: "m-1", correlationId: "c-1", deliveryCount: 1, applicationProperties: { attempt: 2 } });
    expect(Number.isNaN(Date.parse(String(seen[0]!.meta?.enqueuedTimeUtc)))).toBe(false);
    expect(await eventually(async () => (await peekTexts(azurite.connectionString, queue)).length === 0)).toBe(true);
  });

  it("does not deliver a delayed message before its delay", async () => {
    const queue = uniqueQueueName("delay");
    const deliveredAt: number[] = [];
    await receive(queue, () => void deliveredAt.push(Date.now()));
    const sentAt = Date.now();
    await sender.send(asQueue(queue), "later", { messageId: "d-1", delayMs: 2_000 });
    expect(await eventually(() => deliveredAt.length === 1, 8_000)).toBe(true);
    expect(deliveredAt[0]! - sentAt).toBeGreaterThanOrEqual(1_900);
  });

  it("rounds a delay up to whole seconds and caps it at seven days", () => {
    expect(delayToVisibilitySeconds(undefined)).toBe(0);
    expect(delayToVisibilitySeconds(0)).toBe(0);
    expect(delayToVisibilitySeconds(1)).toBe(1);
    expect(delayToVisibilitySeconds(1_000)).toBe(1);
    expect(delayToVisibilitySeconds(1_001)).toBe(2);
    expect(delayToVisibilitySeconds(7 * 24 * 3600 * 1000)).toBe(604_800);
    expect(delayToVisibilitySeconds(30 * 24 * 3600 * 1000)).toBe(604_800);
  });

  it("redelivers at once after a throw, with the delivery count going up", async () => {
    const queue = uniqueQueueName("retry");
    const counts: unknown[] = [];
    await receive(queue, (_body, context) => {
      counts.push(context.triggerMetadata?.deliveryCount);
      if (counts.length < 3) throw new Error("not yet");
    });
    const sentAt = Date.now();
    await sender.send(asQueue(queue), "x", { messageId: "r-1" });
    expect(await eventually(() => counts.length === 3)).toBe(true);
    expect(counts).toEqual([1, 2, 3]);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(await eventually(async () => (await peekTexts(azurite.connectionString, queue)).length === 0)).toBe(true);
  });

  it("dead-letters after the maximum delivery count with the reason, and stops delivering", async () => {
    const queue = uniqueQueueName("poison");
    let calls = 0;
    await receive(queue, () => {
      calls++;
      throw new Error("always");
    }, { maxDeliveryCount: 3 });
    await sender.send(asQueue(queue), { bad: true }, { messageId: "p-1", correlationId: "c-9" });
    expect(await eventually(async () => (await peekTexts(azurite.connectionString, `${queue}-deadletter`)).length === 1)).toBe(true);
    const [text] = await peekTexts(azurite.connectionString, `${queue}-deadletter`);
    const entry = JSON.parse(text!);
    expect(entry.deadLetterReason).toBe("MaxDeliveryCountExceeded");
    expect(entry.deadLetterErrorDescription).toMatch(/3 delivery attempts/);
    expect(entry.envelope).toMatchObject({ messageId: "p-1", correlationId: "c-9", body: { bad: true } });
    await new Promise((r) => setTimeout(r, 500));
    expect(calls).toBe(3);
    expect(await peekTexts(azurite.connectionString, queue)).toEqual([]);
  });

  it("dead-letters a message its handler calls poison at once, with the handler's reason", async () => {
    const queue = uniqueQueueName("poisoned");
    let calls = 0;
    await receive(queue, (body) => {
      calls++;
      parseStageMessage(body);
    });
    await sender.send(asQueue(queue), { hello: "world" }, { messageId: "not-a-stage" });
    expect(await eventually(async () => (await peekTexts(azurite.connectionString, `${queue}-deadletter`)).length === 1)).toBe(true);
    const entry = JSON.parse((await peekTexts(azurite.connectionString, `${queue}-deadletter`))[0]!);
    expect(entry.deadLetterReason).toBe("PoisonMessage");
    expect(entry.deadLetterErrorDescription).toMatch(/Not a stage message/);
    expect(calls).toBe(1);
  });

  it("dead-letters a message that is not an envelope without calling the handler", async () => {
    const queue = uniqueQueueName("malformed");
    let calls = 0;
    await receive(queue, () => void calls++);
    await sender.sendText(queue, "{not json");
    await sender.sendText(queue, JSON.stringify({ messageId: "no-body", enqueuedAt: "2025-01-01T00:00:00Z" }));
    expect(await eventually(async () => (await peekTexts(azurite.connectionString, `${queue}-deadletter`)).length === 2)).toBe(true);
    const entries = (await peekTexts(azurite.connectionString, `${queue}-deadletter`)).map((t) => JSON.parse(t));
    expect(entries.map((e) => e.deadLetterReason)).toEqual(["MalformedEnvelope", "MalformedEnvelope"]);
    expect(entries.map((e) => e.envelope).sort()).toEqual(
      ["{not json", JSON.stringify({ messageId: "no-body", enqueuedAt: "2025-01-01T00:00:00Z" })].sort(),
    );
    expect(calls).toBe(0);
  });

  it("keeps a slow handler's message invisible by renewing its lock", async () => {
    const queue = uniqueQueueName("slow");
    const deliveries: unknown[] = [];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await receive(queue, async (_body, context) => {
      deliveries.push(context.triggerMetadata?.deliveryCount);
      await released;
    }, { lockSeconds: 1, maxConcurrentCalls: 4 });
    await sender.send(asQueue(queue), "slow", { messageId: "s-1" });
    expect(await eventually(() => deliveries.length === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await peekTexts(azurite.connectionString, queue)).toEqual([]);
    release();
    await new Promise((r) => setTimeout(r, 500));
    expect(deliveries).toEqual([1]);
    expect(await peekTexts(azurite.connectionString, queue)).toEqual([]);
  });

  it("gives each message to only one of two competing receivers", async () => {
    const queue = uniqueQueueName("compete");
    const handledBy = new Map<string, string[]>();
    const record = (who: string) => (_body: unknown, context: InvocationContext) => {
      const id = String(context.triggerMetadata?.messageId);
      handledBy.set(id, [...(handledBy.get(id) ?? []), who]);
    };
    await receive(queue, record("a"), { maxConcurrentCalls: 4 });
    await receive(queue, record("b"), { maxConcurrentCalls: 4 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => sender.send(asQueue(queue), i, { messageId: `c-${i}` })));
    expect(await eventually(() => handledBy.size === 30, 15_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect([...handledBy.values()].every((who) => who.length === 1)).toBe(true);
  });

  it("runs a dead-letter trigger with the original body and the dead-letter reason", async () => {
    const queue = uniqueQueueName("dlq");
    const seen: { body: unknown; meta: InvocationContext["triggerMetadata"] }[] = [];
    await receive(queue, () => {
      throw new Error("always");
    }, { maxDeliveryCount: 1 });
    await receive(`${queue}/$DeadLetterQueue`, (body, context) => void seen.push({ body, meta: context.triggerMetadata }));
    await sender.send(asQueue(queue), { n: 7 }, { messageId: "dl-1" });
    expect(await eventually(() => seen.length === 1)).toBe(true);
    expect(seen[0]!.body).toEqual({ n: 7 });
    expect(seen[0]!.meta).toMatchObject({
      messageId: "dl-1",
      deadLetterReason: "MaxDeliveryCountExceeded",
      applicationProperties: { DeadLetterReason: "MaxDeliveryCountExceeded" },
    });
  });
});
