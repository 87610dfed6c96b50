import { RestError, type TableClient } from "@azure/data-tables";
import type { RequestStatus } from "../domain/types";
import type { RemediationRecord } from "../remediation/remediation-record";
import { newestFirstKey, odataString, openTable, TABLES, toTableKey } from "./table-client";

/** What a list of requests is narrowed by; every field optional. */
export interface RequestQuery {
  status?: RequestStatus;
  tenantId?: string;
  mailbox?: string;
  /** `<system>:<id>`, as ticketKey() makes it. */
  ticket?: string;
  /** Only requests created at or after this instant (ISO 8601). */
  since?: string;
}

/** One index row: enough to find the request and narrow by its fields that never change. */
export interface IndexEntry {
  rowKey: string;
  requestId: string;
}

export interface IndexEntity {
  partitionKey: string;
  rowKey: string;
  requestId: string;
  tenantId: string;
  mailbox: string;
  ticket?: string;
}

/**
 * Lists of requests without scanning the Requests table: one small entity per request in each of
 * the partitions `all`, `tenant|t`, `mailbox|m`, `ticket|k` (written once), and `status|s`,
 * `tenant-status|t|s` (moved when the status changes). Row keys sort newest first. The index only
 * proposes candidates; readers check each against the request itself, so an entry left behind by a
 * crash or a lost race shows nothing wrong.
 */
export class RequestIndex {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<RequestIndex> {
    return new RequestIndex(await openTable(connectionString, TABLES.requestIndex));
  }

  /** Entries for a new request; written before the request so no stored request is ever unlisted. */
  async add(record: RemediationRecord): Promise<void> {
    await Promise.all(indexEntities(record).map((e) => this.table.upsertEntity(e, "Replace")));
  }

  /** Before a status change is saved: the request also shows under its new status. */
  async addStatus(record: RemediationRecord): Promise<void> {
    await Promise.all(statusPartitions(record.tenantId, record.status).map((partition) => this.table.upsertEntity(entity(partition, record), "Replace")));
  }

  /** After a status change was saved: the request no longer shows under its old status. */
  async removeStatus(record: RemediationRecord, oldStatus: RequestStatus): Promise<void> {
    const rowKey = rowKeyOf(record);
    await Promise.all(
      statusPartitions(record.tenantId, oldStatus).map((partition) =>
        this.table.deleteEntity(toTableKey(partition), rowKey).catch((e: unknown) => {
          if (!(e instanceof RestError && e.statusCode === 404)) throw e;
        }),
      ),
    );
  }

  /** Entries after `afterRowKey`, newest first, from the one partition that narrows the query most. */
  async *entries(query: RequestQuery, afterRowKey?: string): AsyncIterable<IndexEntry> {
    const clauses = [`PartitionKey eq '${odataString(toTableKey(partitionFor(query)))}'`];
    if (afterRowKey) clauses.push(`RowKey gt '${odataString(afterRowKey)}'`);
    // Rows of requests created at `since` or later sort before the first key one millisecond earlier.
    if (query.since) clauses.push(`RowKey lt '${newestFirstKey(new Date(Date.parse(query.since) - 1).toISOString())}'`);
    if (query.tenantId) clauses.push(`tenantId eq '${odataString(query.tenantId)}'`);
    if (query.mailbox) clauses.push(`mailbox eq '${odataString(query.mailbox.toLowerCase())}'`);
    if (query.ticket) clauses.push(`ticket eq '${odataString(query.ticket)}'`);
    const filter = clauses.join(" and ");
    for await (const e of this.table.listEntities<IndexEntity>({ queryOptions: { filter, select: ["RowKey", "requestId"] } })) {
      yield { rowKey: e.rowKey, requestId: e.requestId };
    }
  }
}

const ALL = "all";

/** How a ticket is named in the index and in `?ticket=`: `<system>:<id>`. */
export function ticketKey(ticket: { system: string; id: string }): string {
  return `${ticket.system}:${ticket.id}`;
}

/** Every index entity of a request as it is now (one per partition it is listed in). */
export function indexEntities(record: RemediationRecord): IndexEntity[] {
  const partitions = [ALL, `tenant|${record.tenantId}`, `mailbox|${record.mailbox.toLowerCase()}`, ...(record.ticket ? [`ticket|${ticketKey(record.ticket)}`] : []), ...statusPartitions(record.tenantId, record.status)];
  return partitions.map((partition) => entity(partition, record));
}

function statusPartitions(tenantId: string, status: RequestStatus): string[] {
  return [`status|${status}`, `tenant-status|${tenantId}|${status}`];
}

/** Small partitions first: a ticket or a mailbox has a handful of requests, a status may have thousands. */
function partitionFor(query: RequestQuery): string {
  if (query.ticket) return `ticket|${query.ticket}`;
  if (query.mailbox) return `mailbox|${query.mailbox.toLowerCase()}`;
  if (query.status && query.tenantId) return `tenant-status|${query.tenantId}|${query.status}`;
  if (query.status) return `status|${query.status}`;
  if (query.tenantId) return `tenant|${query.tenantId}`;
  return ALL;
}

function rowKeyOf(record: RemediationRecord): string {
  return `${newestFirstKey(record.createdAt)}|${toTableKey(record.id)}`;
}

function entity(partition: string, record: RemediationRecord): IndexEntity {
  return {
    partitionKey: toTableKey(partition),
    rowKey: rowKeyOf(record),
    requestId: record.id,
    tenantId: record.tenantId,
    mailbox: record.mailbox.toLowerCase(),
    ...(record.ticket ? { ticket: ticketKey(record.ticket) } : {}),
  };
}
