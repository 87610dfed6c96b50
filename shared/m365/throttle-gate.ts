import { appMetrics } from "../telemetry/metrics";
import { MAX_IN_CALL_WAIT_MS } from "./call-policy";
import { M365Error } from "./m365-error";
import type { M365ErrorInit } from "./m365-error";

/** The services a tenant has separate throttling budgets for. */
export type ThrottledService = Extract<M365ErrorInit["service"], "graph" | "exchange">;

/** Clock, sleep and wait bound; tests pin the first two. */
export interface ThrottleGateOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A call that would wait longer than this at the gate fails as `throttled` instead. */
  maxWaitMs?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One tenant's budget on one service, shared by every call to it in this process. A 429 (or a 503
 * with Retry-After) closes it until that Retry-After has passed; calls wait at it, or, when the
 * wait is longer than the bound, fail at once as `throttled` so the queue re-schedules the stage.
 */
export class ThrottleGate {
  private openAt = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;

  constructor(options: ThrottleGateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.maxWaitMs = options.maxWaitMs ?? MAX_IN_CALL_WAIT_MS;
  }

  /** Keeps calls away until `retryAfterMs` from now; a shorter Retry-After never reopens it early. */
  close(retryAfterMs: number): void {
    if (!Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return;
    this.openAt = Math.max(this.openAt, this.now() + retryAfterMs);
  }

  /** Milliseconds until calls may go again (0 when open). */
  remainingMs(): number {
    return Math.max(0, this.openAt - this.now());
  }

  /**
   * Resolves when a call may be sent. Waits while the gate is closed; the gate may close again
   * during the wait (another call's 429), so it re-checks, and the total wait stays within the bound.
   */
  async pass(call: { service: M365ErrorInit["service"]; operation: string }): Promise<void> {
    let waited = 0;
    for (let remaining = this.remainingMs(); remaining > 0; remaining = this.remainingMs()) {
      if (waited + remaining > this.maxWaitMs) throw gateClosedError(call, remaining);
      await this.sleep(remaining);
      waited += remaining;
    }
    if (waited > 0) appMetrics().throttleWait.record(waited, { service: call.service });
  }
}

/** The error for a call not sent because its tenant is throttled for longer than a call may wait. */
function gateClosedError(call: { service: M365ErrorInit["service"]; operation: string }, remainingMs: number): M365Error {
  return new M365Error(`${call.service} ${call.operation} not sent: the tenant is throttled for another ${remainingMs} ms`, {
    kind: "throttled",
    service: call.service,
    operation: call.operation,
    code: "TenantThrottled",
    retryAfterMs: remainingMs,
  });
}

/** One gate per tenant and service, kept for the life of the process (the worker asks per stage). */
export class ThrottleGates {
  private readonly gates = new Map<string, ThrottleGate>();

  constructor(private readonly options: ThrottleGateOptions = {}) {}

  /** The gate of one tenant's service, created on first use. */
  for(tenantId: string, service: ThrottledService): ThrottleGate {
    // Tenant ids are GUIDs or domains, case-insensitive in Entra.
    const key = `${service}:${tenantId.toLowerCase()}`;
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new ThrottleGate(this.options);
      this.gates.set(key, gate);
    }
    return gate;
  }
}
