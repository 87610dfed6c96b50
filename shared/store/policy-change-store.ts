import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { OperatorRef } from "../auth/operator";
import type { TenantInput } from "./tenant-registry";
import { openTable, TABLES, toTableKey } from "./table-client";

export type PolicyChangeStatus = "pending" | "approved" | "expired";

/** A tenant change that loosens its policy, waiting for a second Tenant.Manage holder. */
export interface PolicyChange {
  tenantId: string;
  changeId: string;
  status: PolicyChangeStatus;
  requestedBy: OperatorRef;
  requestedAt: string;
  /** After this instant (the tenant's approvalHours) it can no longer be approved. */
  expiresAt: string;
  /** The tenant as it was asked about, and as the change would leave it. */
  before: Omit<TenantInput, "verification">;
  after: Omit<TenantInput, "verification">;
  loosens: string[];
  decidedBy?: OperatorRef;
  decidedAt?: string;
}

/** Pending policy changes, one row each under its tenant; settled with a conditional write so only one decision wins. */
export class PolicyChangeStore {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<PolicyChangeStore> {
    return new PolicyChangeStore(await openTable(connectionString, TABLES.policyChanges));
  }

  async create(change: PolicyChange): Promise<void> {
    await this.table.createEntity({ partitionKey: toTableKey(change.tenantId), rowKey: toTableKey(change.changeId), change: JSON.stringify(change) });
  }

  /** The change and the etag its settlement must match; null when there is none. */
  async get(tenantId: string, changeId: string): Promise<{ change: PolicyChange; etag: string } | null> {
    try {
      const row = await this.table.getEntity<{ change: string }>(toTableKey(tenantId), toTableKey(changeId));
      return { change: JSON.parse(row.change) as PolicyChange, etag: row.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  /** Writes the settled change if nobody settled it since `etag`; false when someone did. */
  async settle(change: PolicyChange, etag: string): Promise<boolean> {
    try {
      await this.table.updateEntity({ partitionKey: toTableKey(change.tenantId), rowKey: toTableKey(change.changeId), change: JSON.stringify(change) }, "Replace", { etag });
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412) return false;
      throw e;
    }
  }
}
