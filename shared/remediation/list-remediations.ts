import { z } from "zod";
import { REQUEST_STATUSES } from "../domain/types";
import { validate } from "../http/validate";
import { ticketKey, type RequestQuery } from "../store/request-index";
import type { RequestStore } from "../store/request-store";
import type { RemediationRecord } from "./remediation-record";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Index entries one call may check before it answers with what it found and a token to go on. */
const CHECKS_PER_ITEM = 4;

const TOKEN = /^\d{16}\|[\w-]{1,100}$/;

const listQuery = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    tenantId: z.string().min(1).max(200).optional(),
    mailbox: z.string().min(3).max(320).optional(),
    ticket: z.string().regex(/^[a-z]+:.{1,200}$/, "is <system>:<ticket id>, e.g. zendesk:4711").optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    continuationToken: z
      .string()
      .max(300)
      .refine((t) => TOKEN.test(decodeToken(t)), "is not a token this API gave out")
      .optional(),
  })
  .strict();

export interface RemediationPage {
  remediations: RemediationRecord[];
  /** Present when more may follow: pass it back as `continuationToken` with the same filters. */
  continuationToken?: string;
}

/**
 * `GET /api/remediations`: requests newest first, narrowed by status, tenant, mailbox, ticket and
 * creation time, a page at a time. Reads one index partition and each candidate request by its key,
 * never the whole table; a candidate whose request no longer matches (a stale index entry) is skipped.
 */
export async function listRemediations(
  params: Record<string, string>,
  requests: Pick<RequestStore, "indexEntries" | "get">,
  /** Records the caller may see (an operator's tenant scope); others are skipped like non-matches. */
  visible: (record: RemediationRecord) => boolean = () => true,
): Promise<RemediationPage> {
  const input = validate(listQuery, params);
  const query: RequestQuery = { status: input.status, tenantId: input.tenantId, mailbox: input.mailbox, ticket: input.ticket, since: input.since };
  const after = input.continuationToken ? decodeToken(input.continuationToken) : undefined;
  const found: RemediationRecord[] = [];
  const budget = input.limit * CHECKS_PER_ITEM;
  let checked = 0;
  let lastRowKey: string | undefined;
  const candidates = requests.indexEntries(query, after)[Symbol.asyncIterator]();
  for (;;) {
    const batch: { rowKey: string; requestId: string }[] = [];
    while (batch.length < input.limit - found.length && checked + batch.length < budget) {
      const next = await candidates.next();
      if (next.done) break;
      batch.push(next.value);
    }
    if (batch.length === 0) break;
    const records = await Promise.all(batch.map((c) => requests.get(c.requestId)));
    records.forEach((stored) => {
      if (stored && matches(stored.record, query) && visible(stored.record)) found.push(stored.record);
    });
    checked += batch.length;
    lastRowKey = batch[batch.length - 1]!.rowKey;
    if (found.length >= input.limit || checked >= budget) {
      const more = !(await candidates.next()).done;
      await candidates.return?.();
      return { remediations: found, ...(more ? { continuationToken: encodeToken(lastRowKey) } : {}) };
    }
  }
  return { remediations: found };
}

function matches(record: RemediationRecord, query: RequestQuery): boolean {
  if (query.status && record.status !== query.status) return false;
  if (query.tenantId && record.tenantId !== query.tenantId) return false;
  if (query.mailbox && record.mailbox.toLowerCase() !== query.mailbox.toLowerCase()) return false;
  if (query.ticket && (!record.ticket || ticketKey(record.ticket) !== query.ticket)) return false;
  if (query.since && Date.parse(record.createdAt) < Date.parse(query.since)) return false;
  return true;
}

function encodeToken(rowKey: string): string {
  return Buffer.from(rowKey, "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  return Buffer.from(token, "base64url").toString("utf8");
}
