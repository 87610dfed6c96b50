import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import type { TransactionAction } from "@azure/data-tables";
import { startAzurite } from "../dev/azurite";
import { REQUEST_STATUSES, type RequestStatus } from "../shared/domain/types";
import { listRemediations } from "../shared/remediation/list-remediations";
import type { RemediationRecord } from "../shared/remediation/remediation-record";
import { indexEntities } from "../shared/store/request-index";
import { RequestStore, toEntity } from "../shared/store/request-store";
import { openTable, TABLES } from "../shared/store/table-client";

/**
 * `npm run bench:list -- --requests 20000 --tenants 50`: seeds that many requests (with their index)
 * into an in-memory Azurite, then times `GET /api/remediations` queries through the same use case
 * the function calls, counting index entries and requests read. Prints one JSON line per query and a
 * summary line: a page must read the same number of entities at 100,000 requests as at 1,000.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: "string", default: "20000" }, tenants: { type: "string", default: "50" } } });
  const total = Number(values.requests);
  const tenants = Number(values.tenants);
  if (!Number.isInteger(total) || total < 1 || !Number.isInteger(tenants) || tenants < 1) throw new Error("--requests and --tenants take whole numbers");
  const azurite = await startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
  try {
    const seedStarted = Date.now();
    const records = Array.from({ length: total }, (_, i) => benchRecord(i, tenants));
    await seed(azurite.connectionString, records);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const store = await RequestStore.open(azurite.connectionString);
    const waitingMailbox = records.find((r) => r.status === "awaiting-approval")!.mailbox;
    const queries: Record<string, string>[] = [
      {},
      { status: "awaiting-approval" },
      { tenantId: "tenant-07" },
      { tenantId: "tenant-07", status: "succeeded" },
      { mailbox: waitingMailbox },
      { ticket: `zendesk:${Math.floor(total / 2)}` },
      { since: records[total - 500]!.createdAt },
    ];
    for (const query of queries) {
      const counted = counting(store);
      const started = process.hrtime.bigint();
      const page = await listRemediations({ ...query, limit: "25" }, counted);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(JSON.stringify({ query, returned: page.remediations.length, more: Boolean(page.continuationToken), indexEntriesRead: counted.entries, requestsRead: counted.reads, ms: Math.round(ms) }));
    }
    console.log(JSON.stringify({ requests: total, tenants, seedSeconds: Math.round(seedSeconds) }));
  } finally {
    await azurite.close();
  }
}

/** Requests spread over tenants and statuses, one in 200 waiting for approval, newest last. */
function benchRecord(i: number, tenants: number): RemediationRecord {
  const at = new Date(Date.UTC(2026, 9, 1) + i * 20_000).toISOString();
  const status: RequestStatus = i % 200 === 0 ? "awaiting-approval" : (REQUEST_STATUSES[i % 5] ?? "succeeded");
  return {
    id: randomUUID(),
    tenantId: `tenant-${String(i % tenants).padStart(2, "0")}`,
    mailbox: `device${i % 5000}@tenant${i % tenants}.example`,
    mode: "apply",
    source: "webhook:zendesk",
    ticket: { system: "zendesk", id: String(i) },
    status,
    steps: [],
    stage: "done",
    diagnoseAttempts: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** Bulk seeding: requests one by one (a partition each), index rows 100 to a transaction per partition. */
async function seed(connectionString: string, records: RemediationRecord[]): Promise<void> {
  const [requests, index] = await Promise.all([openTable(connectionString, TABLES.requests), openTable(connectionString, TABLES.requestIndex)]);
  const byPartition = new Map<string, TransactionAction[]>();
  for (const record of records) {
    for (const entity of indexEntities(record)) {
      const actions = byPartition.get(entity.partitionKey) ?? [];
      actions.push(["upsert", { ...entity }, "Replace"]);
      byPartition.set(entity.partitionKey, actions);
    }
  }
  const batches = [...byPartition.values()].flatMap((actions) => Array.from({ length: Math.ceil(actions.length / 100) }, (_, i) => actions.slice(i * 100, i * 100 + 100)));
  await pool("index batches", batches, 8, (batch) => index.submitTransaction(batch).then(() => undefined));
  await pool("requests", records, 32, (record) => requests.upsertEntity(toEntity(record), "Replace").then(() => undefined));
}

/** Runs `work` over `items`, `width` at a time, saying on stderr each tenth done (seeding 100,000 takes a while). */
async function pool<T>(label: string, items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const started = Date.now();
  const tenth = Math.max(1, Math.ceil(items.length / 10));
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      await work(items[next++]!);
      if (++done % tenth === 0 || done === items.length) process.stderr.write(`[bench:list] seeding ${label}: ${done}/${items.length} (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
  }));
}

function counting(store: RequestStore): Pick<RequestStore, "indexEntries" | "get"> & { entries: number; reads: number } {
  const counted = {
    entries: 0,
    reads: 0,
    async *indexEntries(...args: Parameters<RequestStore["indexEntries"]>) {
      for await (const entry of store.indexEntries(...args)) {
        counted.entries++;
        yield entry;
      }
    },
    get(id: string) {
      counted.reads++;
      return store.get(id);
    },
  };
  return counted;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
