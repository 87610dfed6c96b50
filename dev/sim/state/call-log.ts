import type { SimResponse } from "../http/sim-http";

/** One counted call to a Microsoft surface. */
export interface CallLogEntry {
  /** When the answer went out. */
  at: string;
  /** When the request arrived, before the simulated latency: a call that arrived before a 429 went out could not have seen it. */
  receivedAt: string;
  operation: string;
  status: number;
  tenantId: string | null;
  /** On a 429: the Retry-After it carried, in milliseconds (tests check clients waited it out). */
  retryAfterMs?: number;
  /**
   * The concrete request (method, path, query and body, cut to 300 characters): a later call with the
   * same target is the same request again, e.g. a client's retry of a call that got a 429.
   */
  target?: string;
}

/** How a call log names one concrete request. */
export function callTarget(method: string, pathAndQuery: string, body?: string): string {
  return `${method} ${pathAndQuery}${body ? ` ${body}` : ""}`.slice(0, 300);
}

/** The Retry-After of a 429 reply in milliseconds; undefined for any other reply. */
export function throttledRetryAfterMs(response: SimResponse): number | undefined {
  if (response.status !== 429) return undefined;
  const seconds = Number(response.headers?.["Retry-After"]);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** Entries kept in the call log (enough for bench:estate's 300 tenants many times over); older ones are overwritten. */
export const CALL_LOG_CAPACITY = 50_000;

/** Counts every Graph, Exchange, token and SMTP call by operation, with a bounded timestamped log. */
export class CallLog {
  private total = 0;
  private byOperation = new Map<string, number>();
  private readonly ring: Array<CallLogEntry | undefined> = new Array(CALL_LOG_CAPACITY);
  private next = 0;

  record(operation: string, status: number, tenantId: string | null, retryAfterMs?: number, now = Date.now(), receivedAt = now, target?: string): void {
    this.total += 1;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
    const entry: CallLogEntry = { at: new Date(now).toISOString(), receivedAt: new Date(receivedAt).toISOString(), operation, status, tenantId };
    if (retryAfterMs !== undefined) entry.retryAfterMs = retryAfterMs;
    if (target !== undefined) entry.target = target;
    this.ring[this.next % CALL_LOG_CAPACITY] = entry;
    this.next += 1;
  }

  /** Totals as `GET /_sim/calls` reports them. */
  counts(): { total: number; byOperation: Record<string, number> } {
    return { total: this.total, byOperation: Object.fromEntries(this.byOperation) };
  }

  /** The retained entries, oldest first, optionally for one tenant. */
  entries(tenantId?: string): CallLogEntry[] {
    const start = Math.max(0, this.next - CALL_LOG_CAPACITY);
    const out: CallLogEntry[] = [];
    for (let i = start; i < this.next; i += 1) {
      const entry = this.ring[i % CALL_LOG_CAPACITY];
      if (entry && (tenantId === undefined || entry.tenantId === tenantId)) out.push(entry);
    }
    return out;
  }

  reset(): void {
    this.total = 0;
    this.byOperation = new Map();
    this.ring.fill(undefined);
    this.next = 0;
  }
}
