/** Reads `--name <number>` from the command line; refuses a value outside [min, max]. */
export function numberFlag(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  const min = bounds.min ?? 0;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} takes a number from ${min} to ${max}`);
  return value;
}

/** Percentile (0..100) of already sorted numbers, nearest-rank; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Seconds with two decimals, for JSON output. */
export function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(2));
}
