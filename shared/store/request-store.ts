import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { RequestStatus } from "../domain/types";
import { isVerificationOpen } from "../domain/verification";
import type { RemediationRecord } from "../remediation/remediation-record";
import type { RecordSeals } from "./record-seals";
import { RequestIndex, type RequestQuery } from "./request-index";
import { openTable, TABLES } from "./table-client";

const ROW = "request";
/** Fields kept as JSON text: Table Storage has no nested properties. */
const JSON_FIELDS = ["ticket", "requestedBy", "attention", "approval", "approvalRequest", "policyDecision", "automaticReserved", "claimedTicket", "diagnosis", "steps", "next", "lease", "partialState", "verification", "reasonCode", "migration", "account"] as const;
/** A column derived from `verification` so the verification timer finds its requests with one filter. */
const VERIFY_OPEN = "verifyOpen";
/** The integrity seal of the request's `approval` (record-seals.ts): a decision edited outside the app is no approval. */
const APPROVAL_SEAL = "approvalSeal";

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

/**
 * Remediation requests, one entity each, updated only with the ETag that was read (optimistic
 * concurrency), and listed through their index (request-index.ts).
 */
export class RequestStore {
  private constructor(
    private readonly table: TableClient,
    private readonly index: RequestIndex,
    private readonly seals: RecordSeals | undefined,
  ) {}

  /** With `seals` each approval is sealed on write and checked on read (the app always passes them). */
  static async open(connectionString: string, seals?: RecordSeals): Promise<RequestStore> {
    const [table, index] = await Promise.all([openTable(connectionString, TABLES.requests), RequestIndex.open(connectionString)]);
    return new RequestStore(table, index, seals);
  }

  async create(record: RemediationRecord): Promise<string> {
    await this.index.add(record);
    const res = await this.table.createEntity(toEntity(record, this.seals));
    return res.etag ?? "";
  }

  /** Index entries matching a query, newest first (candidates: check each against its request). */
  indexEntries(query: RequestQuery, afterRowKey?: string): AsyncIterable<{ rowKey: string; requestId: string }> {
    return this.index.entries(query, afterRowKey);
  }

  async get(id: string): Promise<VersionedRecord | null> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(id, ROW);
      return { record: this.fromEntity(entity), etag: entity.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  /**
   * Replaces the record if nobody changed it since `etag`; returns the new ETag. A new status is
   * indexed before the write and the old one removed after, so the request is never unlisted.
   */
  async update(record: RemediationRecord, etag: string, savedStatus: RequestStatus): Promise<string> {
    const moved = record.status !== savedStatus;
    if (moved) await this.index.addStatus(record);
    let newEtag: string;
    try {
      newEtag = (await this.table.updateEntity(toEntity(record, this.seals), "Replace", { etag })).etag ?? "";
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412) throw new ConcurrentUpdateError(`Request ${record.id} changed underneath.`);
      throw e;
    }
    if (moved) await this.index.removeStatus(record, savedStatus);
    return newEtag;
  }

  /** The stored request; an approval that fails its seal is dropped and the refusal kept in `approvalRefused`. */
  private fromEntity(entity: Record<string, unknown>): RemediationRecord {
    const record = fromEntity(entity);
    if (!this.seals || record.approval === undefined) return record;
    const check = this.seals.check("approval", record.id, { approval: entity.approval }, entity[APPROVAL_SEAL], typeof entity.timestamp === "string" ? entity.timestamp : undefined);
    if (check.ok) return record;
    const { approval, ...rest } = record;
    void approval;
    return { ...rest, approvalRefused: `A stored approval was refused: ${check.reason}.` };
  }

  /** Requests waiting for approval whose deadline is at or before `now`. */
  async *listAwaitingApprovalUntil(now: Date): AsyncIterable<RemediationRecord> {
    const filter = `status eq 'awaiting-approval' and approvalDeadline le '${now.toISOString()}'`;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      yield this.fromEntity(entity);
    }
  }

  /** Requests whose verification is still open (waiting, or failing within its window), with their ETags. */
  async *listOpenVerifications(): AsyncIterable<VersionedRecord> {
    const filter = `${VERIFY_OPEN} eq true`;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      yield { record: this.fromEntity(entity), etag: entity.etag };
    }
  }

  /** Requests not terminal and not touched since `before`: candidates for the stuck sweep. */
  async *listUnfinishedSince(before: Date): AsyncIterable<RemediationRecord> {
    const filter = `(status eq 'queued' or status eq 'running') and updatedAt lt '${before.toISOString()}'`;
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      yield this.fromEntity(entity);
    }
  }
}

/** The stored form of a request (also used by the list benchmark to seed in bulk). */
export function toEntity(record: RemediationRecord, seals?: RecordSeals): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: record.id, rowKey: ROW };
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    if ((JSON_FIELDS as readonly string[]).includes(key)) entity[key] = JSON.stringify(value);
    else if (typeof value === "object") throw new Error(`RequestStore: field ${key} is an object; list it in JSON_FIELDS.`);
    else entity[key] = value;
  }
  if (record.verification) entity[VERIFY_OPEN] = isVerificationOpen(record.verification);
  const approvalSeal = typeof entity.approval === "string" ? seals?.seal("approval", record.id, { approval: entity.approval }) : undefined;
  if (approvalSeal) entity[APPROVAL_SEAL] = approvalSeal;
  return entity;
}

function fromEntity(entity: Record<string, unknown>): RemediationRecord {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === "partitionKey" || key === "rowKey" || key === "etag" || key === "timestamp" || key === VERIFY_OPEN || key === APPROVAL_SEAL || key.startsWith("odata")) continue;
    out[key] = (JSON_FIELDS as readonly string[]).includes(key) && typeof value === "string" ? JSON.parse(value) : value;
  }
  return out as unknown as RemediationRecord;
}
