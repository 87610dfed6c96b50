/** How many stages of one tenant one worker process runs at once. */
export const STAGES_PER_TENANT = 8;
/**
 * How many more may wait in line for them: as many as the host runs at once, so a stage is deferred
 * only beyond that. Deferring a burst of one tenant's stages sooner made them cycle through the queue
 * while the stuck sweep re-sent them (bench:worker, 100 requests of one tenant), starving the host.
 */
export const LINE_PER_TENANT = 56;

interface TenantLine {
  running: number;
  waiting: Array<() => void>;
}

/**
 * Fairness between tenants inside one worker process. The host runs many stages at once (they wait
 * on Microsoft 365, not on the CPU), but one tenant with a hundred tickets may run at most `limit`
 * of them, and hold at most `line` more waiting in line: its other stages go back on the queue for
 * a moment, so every other tenant's stages find a free slot instead of queueing behind it.
 * Waiting in line rather than on the queue keeps a busy tenant's stages moving the moment a slot frees.
 */
export class TenantStageSlots {
  private readonly lines = new Map<string, TenantLine>();

  constructor(
    readonly limit = STAGES_PER_TENANT,
    readonly line = LINE_PER_TENANT,
  ) {}

  /**
   * Resolves with a release function once the tenant has a free slot, or with null at once when
   * its line is full too (the caller defers the stage). Release exactly once.
   */
  async take(tenantId: string): Promise<(() => void) | null> {
    const key = tenantId.toLowerCase();
    const line = this.lines.get(key) ?? { running: 0, waiting: [] };
    this.lines.set(key, line);
    if (line.running < this.limit) line.running += 1;
    else if (line.waiting.length < this.line) await new Promise<void>((resolve) => line.waiting.push(resolve));
    else return null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next in line, or is given back.
      const next = line.waiting.shift();
      if (next) return next();
      line.running -= 1;
      if (line.running === 0) this.lines.delete(key);
    };
  }

  /** Stages of the tenant running now and waiting for a slot. */
  countFor(tenantId: string): { running: number; waiting: number } {
    const line = this.lines.get(tenantId.toLowerCase());
    return { running: line?.running ?? 0, waiting: line?.waiting.length ?? 0 };
  }
}
