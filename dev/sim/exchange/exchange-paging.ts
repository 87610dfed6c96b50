import { createHash } from "node:crypto";
import type { MailboxRecord } from "../state/mailbox-record";
import type { SimTenant } from "../state/sim-tenant";

/** Where a listing stopped: store position, objects returned so far, when the link was issued. */
export interface PageCursor {
  position: number;
  returned: number;
  issuedAt: number;
  fingerprint: string;
}

/** Identifies the request a link belongs to, so re-POSTing a different body is refused. */
export function requestFingerprint(tenantId: string, body: string, select: string | null): string {
  return createHash("sha1").update(`${tenantId}\n${select ?? ""}\n${body.trim()}`).digest("hex").slice(0, 16);
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** The cursor in a $skiptoken, or undefined when it is not a valid one. */
export function decodeCursor(token: string): PageCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<PageCursor>;
    const ok = [value.position, value.returned, value.issuedAt].every((n) => Number.isInteger(n)) && typeof value.fingerprint === "string";
    return ok ? (value as PageCursor) : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a listing: read by index from the store, never copying the whole tenant. */
export function readPage(
  tenant: SimTenant,
  mailboxesOnly: boolean,
  start: number,
  limit: number,
): { records: MailboxRecord[]; nextPosition: number; more: boolean } {
  const store = tenant.mailboxes;
  const records: MailboxRecord[] = [];
  let position = start;
  while (position < store.size && records.length < limit) {
    const record = store.at(position);
    position += 1;
    if (!mailboxesOnly || record.hasMailbox) records.push(record);
  }
  let more = false;
  for (let probe = position; probe < store.size; probe += 1) {
    if (!mailboxesOnly || store.at(probe).hasMailbox) {
      more = true;
      break;
    }
  }
  return { records, nextPosition: position, more };
}
