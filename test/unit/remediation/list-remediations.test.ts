import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestStatus } from "../../../shared/domain/types";
import { listRemediations } from "../../../shared/remediation/list-remediations";
import type { RemediationRecord } from "../../../shared/remediation/remediation-record";
import { RequestIndex } from "../../../shared/store/request-index";
import { RequestStore } from "../../../shared/store/request-store";
import { connectionString } from "./support/worker-harness";

let store: RequestStore;
let tenantId: string;
const records: RemediationRecord[] = [];

function record(n: number, overrides: Partial<RemediationRecord> = {}): RemediationRecord {
  const at = new Date(Date.UTC(2026, 10, 1, 8, 0, n)).toISOString();
  return { id: randomUUID(), tenantId, mailbox: `Device${n % 3}@${tenantId}.example`, mode: "apply", source: "api", status: "queued", steps: [], stage: "diagnose", diagnoseAttempts: 0, createdAt: at, updatedAt: at, ...overrides };
}

async function moveTo(id: string, status: RequestStatus): Promise<void> {
  const stored = (await store.get(id))!;
  await store.update({ ...stored.record, status }, stored.etag, stored.record.status);
}

beforeAll(async () => {
  store = await RequestStore.open(connectionString());
  tenantId = `list-${randomUUID().slice(0, 8)}`;
  for (let n = 0; n < 12; n++) records.push(record(n, n === 4 ? { ticket: { system: "zendesk", id: "4711" } } : {}));
  await Promise.all(records.map((r) => store.create(r)));
  await moveTo(records[2]!.id, "awaiting-approval");
  await moveTo(records[7]!.id, "running");
  await moveTo(records[7]!.id, "awaiting-approval");
});

const ids = (page: { remediations: RemediationRecord[] }) => page.remediations.map((r) => r.id);

describe("listing remediations", () => {
  it("pages through a tenant's requests newest first with a continuation token, each exactly once", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await listRemediations({ tenantId, limit: "5", ...(token ? { continuationToken: token } : {}) }, store);
      expect(page.remediations.length).toBeLessThanOrEqual(5);
      seen.push(...ids(page));
      token = page.continuationToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual([...records].reverse().map((r) => r.id));
  });

  it("lists a request under its current status only, after it moved", async () => {
    const waiting = await listRemediations({ tenantId, status: "awaiting-approval" }, store);
    expect(ids(waiting)).toEqual([records[7]!.id, records[2]!.id]);
    const running = await listRemediations({ tenantId, status: "running" }, store);
    expect(ids(running)).toEqual([]);
    const queued = await listRemediations({ tenantId, status: "queued", limit: "100" }, store);
    expect(ids(queued)).toHaveLength(10);
    expect(ids(queued)).not.toContain(records[7]!.id);
  });

  it("narrows by mailbox (any case), ticket and creation time", async () => {
    const byMailbox = await listRemediations({ mailbox: `device1@${tenantId}.EXAMPLE` }, store);
    expect(ids(byMailbox)).toEqual([10, 7, 4, 1].map((n) => records[n]!.id));
    const byTicket = await listRemediations({ ticket: "zendesk:4711", tenantId }, store);
    expect(ids(byTicket)).toEqual([records[4]!.id]);
    const recent = await listRemediations({ tenantId, since: records[9]!.createdAt }, store);
    expect(ids(recent)).toEqual([11, 10, 9].map((n) => records[n]!.id));
    const waitingOnMailbox = await listRemediations({ mailbox: `device1@${tenantId}.example`, status: "awaiting-approval" }, store);
    expect(ids(waitingOnMailbox)).toEqual([records[7]!.id]);
  });

  it("skips an index entry whose request was never stored", async () => {
    const orphan = record(30);
    await (await RequestIndex.open(connectionString())).add(orphan);
    const page = await listRemediations({ tenantId, since: orphan.createdAt }, store);
    expect(page.remediations).toEqual([]);
  });

  it.each([
    ["an unknown status", { status: "done" }],
    ["a page size over the maximum", { limit: "101" }],
    ["a date that is not ISO 8601", { since: "yesterday" }],
    ["a ticket without its system", { ticket: "4711" }],
    ["a forged continuation token", { continuationToken: Buffer.from("x' or true").toString("base64url") }],
    ["an unknown parameter", { top: "5" }],
  ])("refuses %s with VALIDATION_FAILED", async (_name, params) => {
    await expect(listRemediations(params, store)).rejects.toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
  });
});
