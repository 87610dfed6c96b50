import { RestError, type TableClient } from "@azure/data-tables";
import { openTable, TABLES, toTableKey } from "./table-client";

/** An acquired lock carries the ETag of its row, so releasing or extending it is one conditional write. */
export type LockResult = { acquired: true; etag: string } | { acquired: false; heldBy: string; until: Date };

/**
 * Short leases on one setting of one subject in a tenant ("security-defaults" of "tenant", the SMTP
 * flag of one mailbox). Two requests that need the same change take turns: the second one, when its
 * turn comes, reads the value already right and writes nothing. A crashed holder's lease runs out.
 */
export class SettingLocks {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<SettingLocks> {
    return new SettingLocks(await openTable(connectionString, TABLES.settingLocks));
  }

  async acquire(tenantId: string, key: string, holder: string, now: Date, leaseMs: number): Promise<LockResult> {
    const partitionKey = toTableKey(tenantId);
    const rowKey = toTableKey(key);
    const until = new Date(now.getTime() + leaseMs).toISOString();
    try {
      const created = await this.table.createEntity({ partitionKey, rowKey, holder, until });
      return { acquired: true, etag: created.etag ?? "" };
    } catch (e) {
      if (!(e instanceof RestError && e.statusCode === 409)) throw e;
    }
    const current = await this.table.getEntity<{ holder: string; until: string }>(partitionKey, rowKey);
    if (current.holder !== holder && Date.parse(current.until) > now.getTime()) {
      return { acquired: false, heldBy: current.holder, until: new Date(current.until) };
    }
    try {
      const updated = await this.table.updateEntity({ partitionKey, rowKey, holder, until }, "Replace", { etag: current.etag });
      return { acquired: true, etag: updated.etag ?? "" };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412) return this.acquire(tenantId, key, holder, now, leaseMs);
      throw e;
    }
  }

  /**
   * Gives the lease up if `holder` still has it; someone else's lease is left alone. With the ETag
   * of the holder's acquire it is one conditional delete: a changed row (412) is no longer ours.
   */
  async release(tenantId: string, key: string, holder: string, etag?: string): Promise<void> {
    const partitionKey = toTableKey(tenantId);
    const rowKey = toTableKey(key);
    try {
      if (etag) return await this.table.deleteEntity(partitionKey, rowKey, { etag }).then(() => undefined);
      const current = await this.table.getEntity<{ holder: string }>(partitionKey, rowKey);
      if (current.holder === holder) await this.table.deleteEntity(partitionKey, rowKey, { etag: current.etag });
    } catch (e) {
      if (!isGoneOrChanged(e)) throw e;
    }
  }

  /** Holds an acquired lease for longer: one conditional write, or a fresh acquire if the row changed meanwhile. */
  async extend(tenantId: string, key: string, holder: string, etag: string, now: Date, leaseMs: number): Promise<LockResult> {
    const until = new Date(now.getTime() + leaseMs).toISOString();
    try {
      const updated = await this.table.updateEntity({ partitionKey: toTableKey(tenantId), rowKey: toTableKey(key), holder, until }, "Replace", { etag });
      return { acquired: true, etag: updated.etag ?? "" };
    } catch (e) {
      if (!isGoneOrChanged(e)) throw e;
      return this.acquire(tenantId, key, holder, now, leaseMs);
    }
  }
}

function isGoneOrChanged(e: unknown): boolean {
  return e instanceof RestError && (e.statusCode === 404 || e.statusCode === 412);
}
