import { randomUUID } from "node:crypto";
import { TableClient } from "@azure/data-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { SecretSealer } from "../../../shared/store/secret-sealer";
import { TABLES } from "../../../shared/store/table-client";
import { WebhookSecretStore } from "../../../shared/store/webhook-secret-store";

const SEALING = "sealing-secret-for-the-store-test-0123456789";
const NOW = new Date("2026-12-01T09:00:00Z");

/** Per-tenant webhook secrets on Azurite: sealed in the table, opened only with the sealing secret. */
describe("WebhookSecretStore on Azurite", () => {
  let connection: string;
  beforeAll(() => {
    connection = process.env["AZURITE_CONNECTION_STRING"] ?? "";
    if (!connection) throw new Error("AZURITE_CONNECTION_STRING is set by test/support/global-setup.ts");
  });
  const tenant = () => `tenant-${randomUUID().slice(0, 8)}`;

  it("keeps no secret the table alone gives away, and resolves it with the sealing secret", async () => {
    const store = await WebhookSecretStore.open(connection, SecretSealer.fromSecrets(SEALING));
    const issued = await store.rotate(tenant(), "zendesk", 0, NOW);
    const rows = TableClient.fromConnectionString(connection, TABLES.webhookSecrets, { allowInsecureConnection: true }).listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq 'secret:${issued.tenantKey}'` },
    });
    const stored: string[] = [];
    for await (const row of rows) stored.push(JSON.stringify(row));
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(issued.secret);
    expect(stored[0]).toMatch(/"current":"sealed-v1\./);
    expect(await store.resolve(issued.tenantKey, "zendesk", NOW)).toMatchObject({ secrets: [issued.secret] });
    // Bound to its system: the same tenant's jira row has no secret, and zendesk's does not open there.
    expect(await store.resolve(issued.tenantKey, "jira", NOW)).toBeUndefined();
  });

  it("accepts nothing and issues nothing without the sealing secret, and nothing sealed under another one", async () => {
    const issued = await (await WebhookSecretStore.open(connection, SecretSealer.fromSecrets(SEALING))).rotate(tenant(), "generic", 0, NOW);
    const unsealed = await WebhookSecretStore.open(connection, undefined);
    expect(await unsealed.resolve(issued.tenantKey, "generic", NOW)).toBeUndefined();
    await expect(unsealed.rotate(tenant(), "generic", 0, NOW)).rejects.toMatchObject({ code: "WEBHOOK_SEALING_NOT_CONFIGURED", status: 503 });
    const other = await WebhookSecretStore.open(connection, SecretSealer.fromSecrets("another-sealing-secret-0123456789abcdef"));
    expect(await other.resolve(issued.tenantKey, "generic", NOW)).toBeUndefined();
  });

  it("keeps a rotated-out secret working through its overlap, also across a change of sealing secret", async () => {
    const id = tenant();
    const before = await (await WebhookSecretStore.open(connection, SecretSealer.fromSecrets(SEALING))).rotate(id, "jira", 0, NOW);
    const replacing = await WebhookSecretStore.open(connection, SecretSealer.fromSecrets("the-new-sealing-secret-0123456789abcdef", SEALING));
    const after = await replacing.rotate(id, "jira", 3_600_000, NOW);
    expect(await replacing.resolve(after.tenantKey, "jira", NOW)).toMatchObject({ secrets: [after.secret, before.secret] });
    expect(await replacing.resolve(after.tenantKey, "jira", new Date(NOW.getTime() + 3_600_001))).toMatchObject({ secrets: [after.secret] });
  });
});
