import { randomBytes } from "node:crypto";
import { RestError, type TableClient } from "@azure/data-tables";
import type { CodedText } from "../domain/coded-text";
import type { TicketRef } from "../domain/types";
import { openTable, TABLES, toTableKey } from "./table-client";

export type EventKind =
  | "accepted"
  | "undo-requested"
  | "diagnosed"
  | "status-changed"
  | "step-started"
  | "step-skipped"
  | "tenant-changed"
  | "step-verified"
  | "retry-scheduled"
  | "step-failed"
  | "exception-recorded"
  | "reverted"
  | "approval-decided"
  | "ticket-note-delivered"
  | "ticket-note-undelivered"
  | "verification-changed"
  | "credentials-read";

/** One line of "what did this tool do to my tenant, and why". Appended, never updated. */
export interface TrailEvent {
  tenantId: string;
  requestId: string;
  kind: EventKind;
  at: string;
  /** The setting changed and its value before and after, for tenant-changed events. */
  setting?: string;
  subject?: string;
  before?: string;
  after?: string;
  requestedBy?: string;
  ticket?: TicketRef;
  detail?: string;
  /** `detail` as a code and parameters, for readers in other languages (request-reasons.ts). */
  detailCode?: CodedText;
}

/**
 * The append-only event trail. Partitioned by tenant so "everything done to this tenant" is one
 * partition query; the row key starts with the request id so one request's events read in order.
 */
export class EventTrail {
  private constructor(private readonly table: TableClient) {}

  static async open(connectionString: string): Promise<EventTrail> {
    return new EventTrail(await openTable(connectionString, TABLES.events));
  }

  /**
   * Appends one event. With a dedupeKey the event is written at most once per request (a retry
   * after a crash finds it there); without, time then random bytes keep same-millisecond events apart.
   */
  async append(event: TrailEvent, options: { dedupeKey?: string } = {}): Promise<void> {
    const suffix = options.dedupeKey ? toTableKey(options.dedupeKey) : `${event.at}|${randomBytes(4).toString("hex")}`;
    try {
      await this.table.createEntity({
        partitionKey: toTableKey(event.tenantId),
        rowKey: `${toTableKey(event.requestId)}|${suffix}`,
        ...event,
        ticket: event.ticket ? JSON.stringify(event.ticket) : undefined,
        detailCode: event.detailCode ? JSON.stringify(event.detailCode) : undefined,
      });
    } catch (e) {
      if (options.dedupeKey && e instanceof RestError && e.statusCode === 409) return;
      throw e;
    }
  }

  async forRequest(tenantId: string, requestId: string): Promise<TrailEvent[]> {
    const prefix = `${toTableKey(requestId)}|`;
    const filter = `PartitionKey eq '${escape(toTableKey(tenantId))}' and RowKey ge '${escape(prefix)}' and RowKey lt '${escape(prefix)}~'`;
    return this.query(filter);
  }

  async tenantChanges(tenantId: string): Promise<TrailEvent[]> {
    return this.query(`PartitionKey eq '${escape(toTableKey(tenantId))}' and kind eq 'tenant-changed'`);
  }

  private async query(filter: string): Promise<TrailEvent[]> {
    const events: TrailEvent[] = [];
    for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const { partitionKey, rowKey, etag, timestamp, ticket, detailCode, ...rest } = e as Record<string, unknown>;
      void partitionKey, rowKey, etag, timestamp;
      events.push({
        ...(rest as unknown as TrailEvent),
        ...(typeof ticket === "string" ? { ticket: JSON.parse(ticket) as TicketRef } : {}),
        ...(typeof detailCode === "string" ? { detailCode: JSON.parse(detailCode) as CodedText } : {}),
      });
    }
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }
}

function escape(value: string): string {
  return value.replace(/'/g, "''");
}
