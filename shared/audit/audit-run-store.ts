import type { TableClient, TransactionAction } from "@azure/data-tables";
import { openTable, TABLES, toTableKey } from "../store/table-client";
import type { AuditRunRecord, AuditRunResults } from "./audit-run";
import { findingKey } from "./finding";
import type { Finding, UnknownEntry } from "./finding";
import type { ReadinessReport, ReadinessSender } from "./readiness";
import { ReadinessDailyStore } from "./readiness-daily-store";

/** Table Storage takes at most 100 operations in one transaction. */
const TRANSACTION_LIMIT = 100;
/** Row keys sort ascending: inverting the time lists the latest run first. */
const TIME_SPAN = 10 ** 15;

type RunEntity = { partitionKey: string; rowKey: string; runId: string; requestedAt: string; startedAt: string; completedAt?: string; status: string; summary?: string };
type ResultEntity = { partitionKey: string; rowKey: string; kind: "finding" | "carried" | "unknown"; body: string };
type ReadinessEntity = { partitionKey: string; rowKey: string; kind: "readiness" | "sender"; body: string };

/**
 * Audit runs (PartitionKey = tenant, latest first) and their findings (PartitionKey = tenant and
 * run). Writes are upserts, so a redelivered audit message rewrites the same run.
 */
export class AuditRunStore {
  private constructor(
    private readonly runs: TableClient,
    private readonly results: TableClient,
    /** Each night's sender count per tenant, written with each completed run (the estate chart reads it). */
    readonly daily: ReadinessDailyStore,
  ) {}

  static async open(connectionString: string): Promise<AuditRunStore> {
    const [runs, results, daily] = await Promise.all([openTable(connectionString, TABLES.auditRuns), openTable(connectionString, TABLES.auditFindings), ReadinessDailyStore.open(connectionString)]);
    return new AuditRunStore(runs, results, daily);
  }

  /** Stores a run; a completed one with readiness counts also becomes its day's count. */
  async saveRun(run: AuditRunRecord): Promise<void> {
    const entity: RunEntity = {
      partitionKey: toTableKey(run.tenantId),
      rowKey: runRowKey(run),
      runId: run.runId,
      requestedAt: run.requestedAt,
      startedAt: run.startedAt,
      status: run.status,
      ...(run.completedAt ? { completedAt: run.completedAt } : {}),
      ...(run.summary ? { summary: JSON.stringify(run.summary) } : {}),
    };
    await this.runs.upsertEntity(entity, "Replace");
    const readiness = run.summary?.readiness;
    if (run.status === "completed" && readiness && !readiness.unavailable) {
      const day = (run.completedAt ?? run.startedAt).slice(0, 10);
      await this.daily.record({ day, tenantId: run.tenantId, runId: run.runId, sending: readiness.sending, accounts: readiness.accounts });
    }
  }

  /** Completed runs, latest first. */
  async recentRuns(tenantId: string, limit: number, options: { excludeRunId?: string } = {}): Promise<AuditRunRecord[]> {
    const filter = `PartitionKey eq '${quote(toTableKey(tenantId))}' and status eq 'completed'`;
    const out: AuditRunRecord[] = [];
    for await (const e of this.runs.listEntities<RunEntity>({ queryOptions: { filter } })) {
      if (e.runId === options.excludeRunId) continue;
      out.push(fromRunEntity(tenantId, e));
      if (out.length >= limit) break;
    }
    return out;
  }

  async latestRun(tenantId: string, options: { excludeRunId?: string } = {}): Promise<AuditRunRecord | null> {
    return (await this.recentRuns(tenantId, 1, options))[0] ?? null;
  }

  /** Replaces a run's stored results with these (rows left from an interrupted attempt are removed). */
  async saveResults(tenantId: string, runId: string, results: AuditRunResults): Promise<void> {
    const partitionKey = resultsPartition(tenantId, runId);
    const rows = new Map<string, ResultEntity>();
    const put = (kind: ResultEntity["kind"], key: string, body: Finding | UnknownEntry): void => {
      const rowKey = toTableKey(`${kind}|${key}`);
      rows.set(rowKey, { partitionKey, rowKey, kind, body: JSON.stringify(body) });
    };
    for (const f of results.findings) put("finding", findingKey(f), f);
    for (const f of results.carried) put("carried", findingKey(f), f);
    for (const u of results.unknown) put("unknown", `${u.type}|${u.subject}`, u);

    await this.replacePartition(partitionKey, rows);
  }

  /** Upserts these rows and deletes the partition's others (left from an interrupted attempt). */
  private async replacePartition(partitionKey: string, rows: Map<string, ResultEntity | ReadinessEntity>): Promise<void> {
    const actions: TransactionAction[] = [...rows.values()].map((e) => ["upsert", e, "Replace"]);
    for await (const old of this.results.listEntities<ResultEntity>({ queryOptions: { filter: `PartitionKey eq '${quote(partitionKey)}'`, select: ["RowKey"] } })) {
      if (!rows.has(old.rowKey)) actions.push(["delete", { partitionKey, rowKey: old.rowKey }]);
    }
    for (let i = 0; i < actions.length; i += TRANSACTION_LIMIT) {
      await this.results.submitTransaction(actions.slice(i, i + TRANSACTION_LIMIT));
    }
  }

  /** Replaces a run's readiness report: one row for the report, one per sender (a sender list can be long). */
  async saveReadiness(report: ReadinessReport): Promise<void> {
    const partitionKey = toTableKey(`${report.tenantId}|${report.runId}|readiness`);
    const { senders, ...head } = report;
    const rows = new Map<string, ReadinessEntity>([["readiness", { partitionKey, rowKey: "readiness", kind: "readiness", body: JSON.stringify(head) }]]);
    for (const s of senders) {
      const rowKey = toTableKey(`sender|${s.upn}`);
      rows.set(rowKey, { partitionKey, rowKey, kind: "sender", body: JSON.stringify(s) });
    }
    await this.replacePartition(partitionKey, rows);
  }

  /** A run's readiness report; null when that run made none. */
  async loadReadiness(tenantId: string, runId: string): Promise<ReadinessReport | null> {
    const partitionKey = toTableKey(`${tenantId}|${runId}|readiness`);
    let head: Omit<ReadinessReport, "senders"> | undefined;
    const senders: ReadinessSender[] = [];
    for await (const e of this.results.listEntities<ReadinessEntity>({ queryOptions: { filter: `PartitionKey eq '${quote(partitionKey)}'` } })) {
      if (e.kind === "readiness") head = JSON.parse(e.body) as Omit<ReadinessReport, "senders">;
      else senders.push(JSON.parse(e.body) as ReadinessSender);
    }
    if (!head) return null;
    senders.sort((a, b) => b.signIns - a.signIns || a.upn.localeCompare(b.upn));
    return { ...head, senders };
  }

  async loadResults(tenantId: string, runId: string): Promise<AuditRunResults> {
    const partitionKey = resultsPartition(tenantId, runId);
    const out: AuditRunResults = { findings: [], carried: [], unknown: [] };
    for await (const e of this.results.listEntities<ResultEntity>({ queryOptions: { filter: `PartitionKey eq '${quote(partitionKey)}'` } })) {
      if (e.kind === "unknown") out.unknown.push(JSON.parse(e.body) as UnknownEntry);
      else if (e.kind === "carried") out.carried.push(JSON.parse(e.body) as Finding);
      else out.findings.push(JSON.parse(e.body) as Finding);
    }
    return out;
  }
}

function runRowKey(run: Pick<AuditRunRecord, "requestedAt" | "runId">): string {
  const inverted = TIME_SPAN - Date.parse(run.requestedAt);
  return toTableKey(`${String(inverted).padStart(16, "0")}_${run.runId}`);
}

function resultsPartition(tenantId: string, runId: string): string {
  return toTableKey(`${tenantId}|${runId}`);
}

function quote(value: string): string {
  return value.replace(/'/g, "''");
}

function fromRunEntity(tenantId: string, e: RunEntity): AuditRunRecord {
  return {
    tenantId,
    runId: e.runId,
    requestedAt: e.requestedAt,
    startedAt: e.startedAt,
    status: e.status as AuditRunRecord["status"],
    ...(e.completedAt ? { completedAt: e.completedAt } : {}),
    ...(e.summary ? { summary: JSON.parse(e.summary) as AuditRunRecord["summary"] } : {}),
  };
}
