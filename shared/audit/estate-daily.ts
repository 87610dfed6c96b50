import type { ReadinessDailyStore } from "./readiness-daily-store";

/** Senders left on basic auth across the estate on one day. */
export interface DailySending {
  day: string;
  sending: number;
  /** Tenants with a count on or before that day within the window. */
  tenants: number;
}

const DAY_MS = 86_400_000;

/**
 * The estate's senders on basic auth per day from each night's stored counts, for the tenants in
 * scope. A tenant not audited on a day keeps its last count of the window (a missed night is not a
 * drop); days before any count are left out.
 */
export async function dailySending(store: Pick<ReadinessDailyStore, "countsOn">, tenants: ReadonlySet<string>, now: Date, days: number): Promise<DailySending[]> {
  const dates = Array.from({ length: days }, (_, i) => new Date(now.getTime() - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const counts = (await store.countsOn(dates)).filter((c) => tenants.has(c.tenantId));
  const byDay = new Map<string, Map<string, number>>();
  for (const c of counts) byDay.set(c.day, (byDay.get(c.day) ?? new Map()).set(c.tenantId, c.sending));
  const last = new Map<string, number>();
  const out: DailySending[] = [];
  for (const day of dates) {
    for (const [tenantId, sending] of byDay.get(day) ?? []) last.set(tenantId, sending);
    if (last.size === 0) continue;
    out.push({ day, sending: [...last.values()].reduce((a, b) => a + b, 0), tenants: last.size });
  }
  return out;
}
