import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import { openTable, TABLES, toTableKey } from "../store/table-client";
import { exceptionId } from "./exception-record";
import type { ExceptionClosedReason, ExceptionRecord, RecordExceptionInput } from "./exception-record";

type ExceptionEntity = Omit<ExceptionRecord, "ticket"> & { partitionKey: string; rowKey: string; ticket?: string };

/**
 * The exceptions register: every weakening step applied, per tenant (PartitionKey = tenantId).
 * Recording is idempotent per request and setting, so a redelivered step message records once.
 */
export class ExceptionRegister {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<ExceptionRegister> {
    return new ExceptionRegister(await openTable(connectionString, TABLES.exceptions));
  }

  /** Records an applied weakening step; the first record for a request and setting wins. */
  async record(input: RecordExceptionInput): Promise<ExceptionRecord> {
    const record: ExceptionRecord = {
      id: exceptionId(input.requestId, input.setting),
      tenantId: input.tenantId,
      subject: input.subject,
      setting: input.setting,
      valueApplied: input.valueApplied,
      requestId: input.requestId,
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.ticket ? { ticket: input.ticket } : {}),
      ...(input.requestedBy ? { requestedBy: input.requestedBy } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      grantedAt: input.grantedAt.toISOString(),
      expiresAt: input.expiresAt.toISOString(),
    };
    try {
      await this.table.createEntity(toEntity(record));
      return record;
    } catch (e) {
      // 409 EntityAlreadyExists: a redelivered step; the stored record is the one that counts.
      if (e instanceof RestError && e.statusCode === 409) {
        const existing = await this.get(input.tenantId, record.id);
        if (existing) return existing;
      }
      throw e;
    }
  }

  async get(tenantId: string, id: string): Promise<ExceptionRecord | null> {
    try {
      return fromEntity(await this.table.getEntity<ExceptionEntity>(toTableKey(tenantId), toTableKey(id)));
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  /** Every exception of a tenant, closed ones included, oldest grant first. */
  async list(tenantId: string): Promise<ExceptionRecord[]> {
    const filter = `PartitionKey eq '${toTableKey(tenantId).replace(/'/g, "''")}'`;
    const out: ExceptionRecord[] = [];
    for await (const entity of this.table.listEntities<ExceptionEntity>({ queryOptions: { filter } })) {
      out.push(fromEntity(entity));
    }
    return out.sort((a, b) => a.grantedAt.localeCompare(b.grantedAt) || a.id.localeCompare(b.id));
  }

  /** Closes an exception (its setting was reverted on purpose); closing twice keeps the first close. */
  async close(tenantId: string, id: string, reason: ExceptionClosedReason, at: Date): Promise<ExceptionRecord | null> {
    const existing = await this.get(tenantId, id);
    if (!existing || existing.closedAt) return existing;
    const closed: ExceptionRecord = { ...existing, closedAt: at.toISOString(), closedReason: reason };
    await this.table.updateEntity(toEntity(closed), "Merge");
    return closed;
  }
}

function toEntity(record: ExceptionRecord): ExceptionEntity {
  const { ticket, ...rest } = record;
  return {
    ...rest,
    partitionKey: toTableKey(record.tenantId),
    rowKey: toTableKey(record.id),
    ...(ticket ? { ticket: JSON.stringify(ticket) } : {}),
  };
}

function fromEntity(entity: ExceptionEntity): ExceptionRecord {
  const record: ExceptionRecord = {
    id: entity.id,
    tenantId: entity.tenantId,
    subject: entity.subject,
    setting: entity.setting,
    valueApplied: entity.valueApplied,
    requestId: entity.requestId,
    grantedAt: entity.grantedAt,
    expiresAt: entity.expiresAt,
  };
  if (entity.userId) record.userId = entity.userId;
  if (entity.ticket) record.ticket = JSON.parse(entity.ticket) as ExceptionRecord["ticket"];
  if (entity.requestedBy) record.requestedBy = entity.requestedBy;
  if (entity.reason) record.reason = entity.reason;
  if (entity.closedAt) record.closedAt = entity.closedAt;
  if (entity.closedReason) record.closedReason = entity.closedReason;
  return record;
}
