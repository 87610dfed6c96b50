import { randomBytes } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import type { OperatorRef } from "../auth/operator";
import { newestFirstKey, odataString, openTable, TABLES, toTableKey } from "./table-client";

export type TenantEventKind =
  | "tenant-onboarded"
  | "tenant-changed"
  | "policy-change-requested"
  | "policy-change-approved"
  | "policy-change-expired"
  | "webhook-secret-issued"
  | "webhook-secret-rotated"
  | "webhook-secret-revoked"
  | "ticket-connection-set"
  | "ticket-connection-removed"
  | "tenant-offboarded";

/** One thing a person did to a tenant's onboarding, policy or endpoints: who, when, before and after. */
export interface TenantEvent {
  tenantId: string;
  kind: TenantEventKind;
  at: string;
  by: OperatorRef;
  /** The tenant as it was and as it is (or would be): displayName, domains, policy, access. */
  before?: unknown;
  after?: unknown;
  /** A pending policy change this event is about. */
  changeId?: string;
  /** The policy fields a change loosens. */
  loosens?: string[];
  /** Who asked for a change a second person approved. */
  requestedBy?: OperatorRef;
  /** The ticket system of a webhook-secret or ticket-connection event. */
  system?: string;
}

/** The tenant's own trail, apart from requests' trails: partitioned by tenant, newest first. Kept after offboarding. */
export class TenantEventLog {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<TenantEventLog> {
    return new TenantEventLog(await openTable(connectionString, TABLES.tenantEvents));
  }

  async append(event: TenantEvent): Promise<void> {
    await this.table.createEntity({
      partitionKey: toTableKey(event.tenantId),
      rowKey: `${newestFirstKey(event.at)}|${randomBytes(4).toString("hex")}`,
      tenantId: event.tenantId,
      kind: event.kind,
      at: event.at,
      by: JSON.stringify(event.by),
      ...(event.before !== undefined ? { before: JSON.stringify(event.before) } : {}),
      ...(event.after !== undefined ? { after: JSON.stringify(event.after) } : {}),
      ...(event.changeId ? { changeId: event.changeId } : {}),
      ...(event.loosens ? { loosens: JSON.stringify(event.loosens) } : {}),
      ...(event.requestedBy ? { requestedBy: JSON.stringify(event.requestedBy) } : {}),
      ...(event.system ? { system: event.system } : {}),
    });
  }

  /** The tenant's events, newest first. */
  async list(tenantId: string): Promise<TenantEvent[]> {
    const events: TenantEvent[] = [];
    const filter = `PartitionKey eq '${odataString(toTableKey(tenantId))}'`;
    for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const json = (key: string) => (typeof e[key] === "string" ? { [key]: JSON.parse(e[key] as string) as unknown } : {});
      events.push({
        tenantId: String(e.tenantId),
        kind: e.kind as TenantEventKind,
        at: String(e.at),
        by: JSON.parse(String(e.by)) as OperatorRef,
        ...json("before"),
        ...json("after"),
        ...(typeof e.changeId === "string" ? { changeId: e.changeId } : {}),
        ...(json("loosens") as { loosens?: string[] }),
        ...(json("requestedBy") as { requestedBy?: OperatorRef }),
        ...(typeof e.system === "string" ? { system: e.system } : {}),
      });
    }
    return events;
  }
}
