import type { TableClient } from "@azure/data-tables";
import { odataString, openTable, TABLES, toTableKey } from "../store/table-client";

/** One tenant's count on one day: its last completed audit of that day. */
export interface DailyReadinessCount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  tenantId: string;
  runId: string;
  /** Accounts that signed in with basic-auth SMTP in the window: still on basic auth. */
  sending: number;
  accounts: number;
}

type DailyEntity = { partitionKey: string; rowKey: string; tenantId: string; runId: string; sending: number; accounts: number };

/**
 * Each night's basic-auth sender count per tenant (PartitionKey = day, RowKey = tenant): the estate
 * chart reads one partition per day instead of every tenant's run history. A later run the same day
 * replaces the day's count.
 */
export class ReadinessDailyStore {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<ReadinessDailyStore> {
    return new ReadinessDailyStore(await openTable(connectionString, TABLES.readinessDaily));
  }

  async record(count: DailyReadinessCount): Promise<void> {
    const entity: DailyEntity = { partitionKey: count.day, rowKey: toTableKey(count.tenantId), tenantId: count.tenantId, runId: count.runId, sending: count.sending, accounts: count.accounts };
    await this.table.upsertEntity(entity, "Replace");
  }

  /** The stored counts of these days, every tenant's; days without any are absent. */
  async countsOn(days: readonly string[]): Promise<DailyReadinessCount[]> {
    const perDay = await Promise.all(
      days.map(async (day) => {
        const out: DailyReadinessCount[] = [];
        for await (const e of this.table.listEntities<DailyEntity>({ queryOptions: { filter: `PartitionKey eq '${odataString(day)}'` } })) {
          out.push({ day, tenantId: e.tenantId, runId: e.runId, sending: e.sending, accounts: e.accounts });
        }
        return out;
      }),
    );
    return perDay.flat();
  }
}
