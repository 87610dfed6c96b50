import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import { openTable, TABLES } from "./table-client";

/**
 * Maps an idempotency key (Idempotency-Key header, ticket reference, webhook delivery id) to the
 * request it created. The first writer wins: Table Storage refuses a second insert of the same key.
 */
export class IdempotencyKeys {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<IdempotencyKeys> {
    return new IdempotencyKeys(await openTable(connectionString, TABLES.idempotency));
  }

  /** Claims `key` for `requestId`; returns the id that owns the key (ours, or the earlier one's). */
  async claim(key: string, requestId: string, fingerprint: string): Promise<{ requestId: string; fingerprint: string; claimed: boolean }> {
    const rowKey = hashKey(key);
    try {
      await this.table.createEntity({ partitionKey: "key", rowKey, requestId, fingerprint });
      return { requestId, fingerprint, claimed: true };
    } catch (e) {
      if (!(e instanceof RestError && e.statusCode === 409)) throw e;
      const existing = await this.table.getEntity<{ requestId: string; fingerprint: string }>("key", rowKey);
      return { requestId: existing.requestId, fingerprint: existing.fingerprint, claimed: false };
    }
  }

  /** Gives a claim back when the work it guarded could not be done; a missing key is fine. */
  async release(key: string): Promise<void> {
    try {
      await this.table.deleteEntity("key", hashKey(key));
    } catch (e) {
      if (!(e instanceof RestError && e.statusCode === 404)) throw e;
    }
  }
}

/** Keys are caller-supplied text; a hash keeps them within Table Storage's key rules and length. */
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
