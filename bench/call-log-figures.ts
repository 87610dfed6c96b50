import type { CallLogEntry } from "../dev/sim/state/call-log";

/** One entry of the simulator's call log (`GET /_sim/calls?log=1`). */
export type LoggedCall = CallLogEntry;

/**
 * A call that was on its way when the 429 went out could not have seen it. The simulator logs a
 * call's arrival, so this much slack covers a request sent just before the client read the 429.
 */
export const IN_FLIGHT_GRACE_MS = 250;

/** Graph and Exchange are throttled separately, per tenant. */
export function serviceOf(operation: string): "graph" | "exchange" | "other" {
  if (operation.startsWith("InvokeCommand")) return "exchange";
  if (/^[A-Z]+ \/(v1\.0|beta)\//.test(operation)) return "graph";
  return "other";
}

const budgetKey = (call: LoggedCall): string => `${call.tenantId}|${serviceOf(call.operation)}`;

/** Calls that arrived at a tenant's service after a 429 from it went out and before its Retry-After ran out. */
export function earlyCalls(log: readonly LoggedCall[]): LoggedCall[] {
  const byBudget = new Map<string, LoggedCall[]>();
  for (const call of log) {
    if (call.tenantId === null || serviceOf(call.operation) === "other") continue;
    const calls = byBudget.get(budgetKey(call)) ?? [];
    calls.push(call);
    byBudget.set(budgetKey(call), calls);
  }
  const early = new Set<LoggedCall>();
  for (const calls of byBudget.values()) {
    for (const throttled of calls.filter((c) => c.status === 429 && c.retryAfterMs)) {
      const from = Date.parse(throttled.at) + IN_FLIGHT_GRACE_MS;
      const until = Date.parse(throttled.at) + throttled.retryAfterMs!;
      for (const call of calls) {
        const arrived = Date.parse(call.receivedAt);
        if (arrived > from && arrived < until) early.add(call);
      }
    }
  }
  return [...early];
}

/**
 * Re-sends of a throttled request (same tenant and target) that arrived before its Retry-After ran
 * out. A re-send is made only after its 429 was read, so unlike earlyCalls this needs no grace for
 * calls already on their way or for a busy client reading the 429 late.
 */
export function earlyRetries(log: readonly LoggedCall[]): LoggedCall[] {
  const early = new Set<LoggedCall>();
  const byTarget = new Map<string, LoggedCall[]>();
  for (const call of log) {
    if (call.tenantId === null || call.target === undefined) continue;
    const key = `${call.tenantId}|${call.target}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), call]);
  }
  for (const calls of byTarget.values()) {
    for (const throttled of calls.filter((c) => c.status === 429 && c.retryAfterMs)) {
      const from = Date.parse(throttled.at);
      for (const call of calls) {
        const arrived = Date.parse(call.receivedAt);
        if (arrived > from && arrived < from + throttled.retryAfterMs!) early.add(call);
      }
    }
  }
  return [...early];
}

/** The most calls any one tenant had in flight at the simulator at the same moment. */
export function peakConcurrentPerTenant(log: readonly LoggedCall[]): number {
  const edges = new Map<string, Array<[number, number]>>();
  for (const call of log) {
    if (call.tenantId === null || serviceOf(call.operation) === "other") continue;
    const list = edges.get(call.tenantId) ?? [];
    // An answer at the same millisecond as an arrival ends first: the two never overlapped.
    list.push([Date.parse(call.receivedAt), 1], [Date.parse(call.at), -1]);
    edges.set(call.tenantId, list);
  }
  let peak = 0;
  for (const list of edges.values()) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    for (const [, delta] of list) peak = Math.max(peak, (current += delta));
  }
  return peak;
}

/** Graph and Exchange calls (tokens and SMTP aside). */
export function m365Calls(log: readonly LoggedCall[]): number {
  return log.filter((c) => serviceOf(c.operation) !== "other").length;
}
