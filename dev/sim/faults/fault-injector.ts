import { noFaults } from "./fault-settings";
import { TokenBuckets } from "./token-bucket";
import type { FaultSettings } from "./fault-settings";
import type { ThrottleDecision } from "./token-bucket";

/** Without a throttle configured, Exchange still reports rate-limit headers with this budget. */
const UNTHROTTLED_LIMIT = 10_000;

/** The Microsoft 365 services the simulator serves, each with its own latency. */
export type SimService = "graph" | "exchange";

/** Applies the configured faults to Graph and Exchange calls (never to the control API). */
export class FaultInjector {
  private current: FaultSettings = noFaults();
  private buckets: TokenBuckets | null = null;

  constructor(private readonly random: () => number = Math.random) {}

  get settings(): FaultSettings {
    return this.current;
  }

  configure(settings: FaultSettings): void {
    this.current = settings;
    this.buckets = settings.throttle ? new TokenBuckets(settings.throttle.requestsPer10s) : null;
  }

  /** Waits the configured latency of the service. */
  async delay(service: SimService): Promise<void> {
    const ms = service === "graph" ? this.current.graphLatencyMs : this.current.exchangeLatencyMs;
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }

  /** Takes one request from the tenant's bucket (one for Graph and Exchange together: the stricter case). */
  throttle(tenantId: string): ThrottleDecision {
    if (!this.buckets) {
      return { allowed: true, retryAfterSeconds: 0, limit: UNTHROTTLED_LIMIT, remaining: UNTHROTTLED_LIMIT, resetSeconds: 0 };
    }
    return this.buckets.take(tenantId);
  }

  /** Whether this call should fail with a transient error. */
  shouldFail(): boolean {
    return this.current.errorRate > 0 && this.random() < this.current.errorRate;
  }

  /** A coin toss for the kind of transient failure (Graph: 503 or 504). */
  pick<T>(options: readonly [T, ...T[]]): T {
    return options[Math.floor(this.random() * options.length)] ?? options[0];
  }
}
