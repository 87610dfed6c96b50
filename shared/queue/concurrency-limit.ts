/**
 * At most `limit` holders at once in this process; the others wait in arrival order. For a trigger
 * whose work is heavy on memory (a tenant audit), while the host's maxConcurrentCalls is sized for
 * the light, I/O-bound stages that share the setting.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Runs `work` when a place is free, and frees it when the work settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      // Hand the place straight to the next in line, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
