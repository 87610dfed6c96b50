import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import { openTable, TABLES, toTableKey } from "./table-client";

/** Attempts at one conditional write before giving up (others reserving the same day at once). */
const MAX_CONFLICTS = 20;

/**
 * How many weakening steps ran without a person, per tenant and UTC day (policy maxAutomaticPerDay).
 * A reservation is taken before the steps run, with a conditional write, so two workers cannot both
 * take the last places; a request's reservation is recorded on it, so a redelivery does not count twice.
 */
export class AutomationBudget {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<AutomationBudget> {
    return new AutomationBudget(await openTable(connectionString, TABLES.automationBudget));
  }

  /** Steps used so far on `day` (YYYY-MM-DD, UTC). */
  async used(tenantId: string, day: string): Promise<number> {
    return (await this.read(tenantId, day))?.count ?? 0;
  }

  /** Takes `steps` places if they fit under `limit`; false (and nothing taken) when they do not. */
  async reserve(tenantId: string, day: string, steps: number, limit: number): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const current = await this.read(tenantId, day);
      const count = (current?.count ?? 0) + steps;
      if (count > limit) return false;
      const entity = { partitionKey: toTableKey(tenantId), rowKey: day, count };
      try {
        if (current) await this.table.updateEntity(entity, "Replace", { etag: current.etag });
        else await this.table.createEntity(entity);
        return true;
      } catch (e) {
        // 412: someone reserved since we read; 409: someone created the day's row first. Read again.
        if (!(e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409))) throw e;
      }
    }
    throw new Error(`AutomationBudget: too many concurrent reservations for ${tenantId} on ${day}.`);
  }

  private async read(tenantId: string, day: string): Promise<{ count: number; etag: string } | null> {
    try {
      const e = await this.table.getEntity<{ count?: number }>(toTableKey(tenantId), day);
      return { count: Number(e.count ?? 0), etag: e.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }
}

/** The UTC day of an instant, as the budget's row key. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
