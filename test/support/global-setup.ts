import { startAzurite, type AzuriteHandle } from "../../dev/azurite";

/**
 * Starts what every test file may share, once per run: an in-memory Azurite on free ports. Its
 * connection string reaches the test workers (forked after this) through the environment.
 * Test files that run a local host start their own Azurite, so hosts never share queues.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started: Array<{ close(): Promise<void> }> = [];
  const azurite: AzuriteHandle = await startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
  started.push(azurite);
  process.env.AZURITE_CONNECTION_STRING = azurite.connectionString;
  return async () => {
    for (const s of started.reverse()) await s.close();
  };
}
