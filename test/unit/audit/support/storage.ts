import { randomBytes } from "node:crypto";
import { startAzurite } from "../../../../dev/azurite";

let own: Promise<{ connectionString: string; close(): Promise<void> }> | undefined;

/** The shared Azurite from global setup, else one started for this test file. */
export async function storageConnection(): Promise<string> {
  const shared = process.env.AZURITE_CONNECTION_STRING;
  if (shared) return shared;
  own ??= startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
  return (await own).connectionString;
}

/** Stops the Azurite this file started, if any. */
export async function stopOwnStorage(): Promise<void> {
  if (own) await (await own).close();
  own = undefined;
}

/** A tenant id no other test uses, so tests share tables without seeing each other's rows. */
export function uniqueTenantId(): string {
  return `t-${randomBytes(6).toString("hex")}`;
}
