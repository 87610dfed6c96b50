import { randomBytes } from "node:crypto";
import { QueueServiceClient } from "@azure/storage-queue";
import { startAzurite } from "../../../dev/azurite";
import type { AzuriteHandle } from "../../../dev/azurite";

/** An in-memory Azurite on free ports for one test file. */
export function startTestAzurite(): Promise<AzuriteHandle> {
  return startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
}

/** A queue name no other test uses (Storage: 3-63 lower-case letters, digits, hyphens). */
export function uniqueQueueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** The texts currently visible on a queue, without taking them. */
export async function peekTexts(connectionString: string, queue: string): Promise<string[]> {
  const client = QueueServiceClient.fromConnectionString(connectionString).getQueueClient(queue);
  if (!(await client.exists())) return [];
  const peeked = await client.peekMessages({ numberOfMessages: 32 });
  return peeked.peekedMessageItems.map((m) => m.messageText);
}

/** Polls until the check passes or the time is up; returns whether it passed. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
