import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableClient } from "@azure/data-tables";
import { azuriteConnectionString, startAzurite } from "../../../dev/azurite";
import type { AzuriteHandle } from "../../../dev/azurite";

let azurite: AzuriteHandle;

beforeAll(async () => {
  azurite = await startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
});

afterAll(async () => {
  await azurite?.close();
});

describe("startAzurite", () => {
  it("starts on free ports and serves tables through the explicit connection string", async () => {
    expect(azurite.reused).toBe(false);
    expect(azurite.connectionString).toBe(azuriteConnectionString({ blob: azurite.blobPort, queue: azurite.queuePort, table: azurite.tablePort }));
    const table = TableClient.fromConnectionString(azurite.connectionString, "Probe", { allowInsecureConnection: true });
    await table.createTable();
    await table.upsertEntity({ partitionKey: "p", rowKey: "r", value: 1 });
    expect((await table.getEntity<{ value: number }>("p", "r")).value).toBe(1);
  });

  it("reuses an Azurite that already listens on the requested ports and leaves it running on close", async () => {
    const again = await startAzurite({ blobPort: azurite.blobPort, queuePort: azurite.queuePort, tablePort: azurite.tablePort, quiet: true });
    expect(again.reused).toBe(true);
    expect(again.connectionString).toBe(azurite.connectionString);
    await again.close();
    const table = TableClient.fromConnectionString(azurite.connectionString, "Probe", { allowInsecureConnection: true });
    expect((await table.getEntity<{ value: number }>("p", "r")).value).toBe(1);
  });
});
