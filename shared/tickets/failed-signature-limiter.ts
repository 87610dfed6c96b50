/** Failed signature checks one endpoint may take in a window before it answers 429 for the rest of it. */
export const FAILED_SIGNATURES_PER_WINDOW = 20;
export const FAILED_SIGNATURE_WINDOW_MS = 60_000;
/** Endpoints tracked at once; beyond it the oldest window is dropped (bounded memory under a spray of keys). */
const MAX_TRACKED = 10_000;

/**
 * Slows guessing at an endpoint's secret: after FAILED_SIGNATURES_PER_WINDOW failures in a minute an
 * endpoint refuses deliveries unread until the minute is over. Per process (each Functions instance
 * keeps its own), a brake on brute force on top of secrets far too long to guess, not a quota.
 */
export class FailedSignatureLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly limit = FAILED_SIGNATURES_PER_WINDOW,
    private readonly windowMs = FAILED_SIGNATURE_WINDOW_MS,
  ) {}

  /** Seconds until the endpoint takes deliveries again, or 0 when it takes them now. */
  blockedFor(endpoint: string, now: number): number {
    const window = this.windows.get(endpoint);
    if (!window || now - window.startedAt >= this.windowMs || window.failures < this.limit) return 0;
    return Math.ceil((window.startedAt + this.windowMs - now) / 1000);
  }

  recordFailure(endpoint: string, now: number): void {
    const window = this.windows.get(endpoint);
    if (window && now - window.startedAt < this.windowMs) {
      window.failures += 1;
      return;
    }
    this.windows.delete(endpoint);
    if (this.windows.size >= MAX_TRACKED) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(endpoint, { startedAt: now, failures: 1 });
  }
}
