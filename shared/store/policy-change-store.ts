import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { OperatorRef } from "../auth/operator";
import type { RecordSeals } from "./record-seals";
import type { BrokenSeal, TenantInput } from "./tenant-registry";
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
  private constructor(
    private readonly table: TableClient,
    private readonly seals: RecordSeals | undefined,
  ) {}

  /** With `seals` every row is sealed on write and checked on read (the app always passes them). */
  static async open(connectionString: string, seals?: RecordSeals): Promise<PolicyChangeStore> {
    return new PolicyChangeStore(await openTable(connectionString, TABLES.policyChanges), seals);
  }

  async create(change: PolicyChange): Promise<void> {
    await this.table.createEntity(this.row(change));
  }

  /** The change and the etag its settlement must match; null when there is none; `seal` when the row fails its seal. */
  async get(tenantId: string, changeId: string): Promise<{ change: PolicyChange; etag: string; seal?: BrokenSeal } | null> {
    try {
      const row = await this.table.getEntity<{ change: string; seal?: string; timestamp?: string }>(toTableKey(tenantId), toTableKey(changeId));
      const change = JSON.parse(row.change) as PolicyChange;
      const check = this.seals?.check("policy-change", sealId(tenantId, changeId), { change: row.change }, row.seal, row.timestamp) ?? { ok: true };
      return { change, etag: row.etag, ...(check.ok ? {} : { seal: { status: "broken", reason: `The policy change's stored record cannot be trusted: ${check.reason}.` } }) };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  /** Writes the settled change if nobody settled it since `etag`; false when someone did. */
  async settle(change: PolicyChange, etag: string): Promise<boolean> {
    try {
      await this.table.updateEntity(this.row(change), "Replace", { etag });
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412) return false;
      throw e;
    }
  }

  private row(change: PolicyChange): { partitionKey: string; rowKey: string; change: string; seal?: string } {
    const text = JSON.stringify(change);
    return { partitionKey: toTableKey(change.tenantId), rowKey: toTableKey(change.changeId), change: text, seal: this.seals?.seal("policy-change", sealId(change.tenantId, change.changeId), { change: text }) };
  }
}

function sealId(tenantId: string, changeId: string): string {
  return `${tenantId}/${changeId}`;
}
