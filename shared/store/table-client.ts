import { TableClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";

/** Table names; one module so stores and tests agree. */
export const TABLES = {
  requests: "Requests",
  requestIndex: "RequestIndex",
  events: "Events",
  tenants: "Tenants",
  idempotency: "IdempotencyKeys",
  exceptions: "Exceptions",
  auditRuns: "AuditRuns",
  auditFindings: "AuditFindings",
  readinessDaily: "ReadinessDaily",
  settingLocks: "SettingLocks",
  webhookSecrets: "WebhookSecrets",
  automationBudget: "AutomationBudget",
  tenantEvents: "TenantEvents",
  policyChanges: "PolicyChanges",
  ticketConnections: "TicketConnections",
} as const;
export type TableName = (typeof TABLES)[keyof typeof TABLES];

const ensured = new Map<string, Promise<void>>();

/**
 * A client for one table, created on first use. Azurite speaks plain http, which the SDK refuses
 * unless told, hence allowInsecureConnection for http endpoints only.
 */
export async function openTable(connectionString: string, table: TableName): Promise<TableClient> {
  const client = createTableClient(connectionString, table);
  const key = `${connectionString}|${table}`;
  let ready = ensured.get(key);
  if (!ready) {
    ready = client.createTable().catch((e: unknown) => {
      ensured.delete(key);
      throw e;
    });
    ensured.set(key, ready);
  }
  await ready;
  return client;
}

let identity: DefaultAzureCredential | undefined;

/** A connection string (local, or a Key Vault reference), or the account's https endpoint reached with the managed identity. */
function createTableClient(storage: string, table: TableName): TableClient {
  if (/^https:\/\//i.test(storage)) return new TableClient(storage, table, (identity ??= new DefaultAzureCredential()));
  const insecure = /UseDevelopmentStorage=true|TableEndpoint=http:/i.test(storage);
  return TableClient.fromConnectionString(storage, table, { allowInsecureConnection: insecure });
}

/** Table keys may not contain / \ # ? or control characters; this keeps any id safe and readable. */
export function toTableKey(value: string): string {
  return value.replace(/[\\/#?\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** A value inside an OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return value.replace(/'/g, "''");
}

/** Row keys sort ascending: a time subtracted from a fixed span sorts the latest first. */
export function newestFirstKey(at: string): string {
  return String(10 ** 15 - Date.parse(at)).padStart(16, "0");
}
