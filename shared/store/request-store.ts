import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { RemediationRecord } from "../remediation/remediation-record";
import { openTable, TABLES } from "./table-client";

const ROW = "request";
/** Fields kept as JSON text: Table Storage has no nested properties. */
const JSON_FIELDS = ["ticket", "requestedBy", "attention", "approval", "approvalRequest", "policyDecision", "automaticReserved", "claimedTicket", "diagnosis", "steps", "next", "lease", "partialState"] as const;

export interface VersionedRecord {
  record: RemediationRecord;
  etag: string;
}

/** Thrown when someone else updated the request since it was read (HTTP 412 from Table Storage). */
export class ConcurrentUpdateError extends Error {
  override readonly name = "ConcurrentUpdateError";
}

export function isConcurrentUpdate(e: unknown): e is ConcurrentUpdateError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "ConcurrentUpdateError";
}

/** Remediation requests, one entity each, updated only with the ETag that was read (optimistic concurrency). */
export class RequestStore {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<RequestStore> {
    return new RequestStore(await openTable(connectionString, TABLES.requests));
  }

  async create(record: RemediationRecord): Promise<string> {
    const res = await this.table.createEntity(toEntity(record));
    return res.etag ?? "";
  }

  async get(id: string): Promise<VersionedRecord | null> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(id, ROW);
      return { record: fromEntity(entity), etag: entity.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  /** Replaces the record if nobody changed it since `etag`; returns the new ETag. */
  async update(record: RemediationRecord, etag: string): Promise<string> {
    try {
      const res = await this.table.updateEntity(toEntity(record), "Replace", { etag });
      return res.etag ?? "";
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412) throw new ConcurrentUpdateError(`Request ${record.id} changed underneath.`);
      throw e;
    }
  }

  /** Requests waiting for approval whose deadline is at or before `now`. */
  async *listAwaitingApprovalUntil(now: Date): AsyncIterable<RemediationRecord> {
    const filter = `status eq 'awaiting-approval' and approvalDeadline le '${now.toISOString()}'`;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      yield fromEntity(entity);
    }
  }

  /** Requests not terminal and not touched since `before`: candidates for the stuck sweep. */
  async *listUnfinishedSince(before: Date): AsyncIterable<RemediationRecord> {
    const filter = `(status eq 'queued' or status eq 'running') and updatedAt lt '${before.toISOString()}'`;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      yield fromEntity(entity);
    }
  }
}

function toEntity(record: RemediationRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: record.id, rowKey: ROW };
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    if ((JSON_FIELDS as readonly string[]).includes(key)) entity[key] = JSON.stringify(value);
    else if (typeof value === "object") throw new Error(`RequestStore: field ${key} is an object; list it in JSON_FIELDS.`);
    else entity[key] = value;
  }
  return entity;
}

function fromEntity(entity: Record<string, unknown>): RemediationRecord {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === "partitionKey" || key === "rowKey" || key === "etag" || key === "timestamp" || key.startsWith("odata")) continue;
    out[key] = (JSON_FIELDS as readonly string[]).includes(key) && typeof value === "string" ? JSON.parse(value) : value;
  }
  return out as unknown as RemediationRecord;
}
