import { context, createContextKey } from "@opentelemetry/api";

/** What a Microsoft 365 call was made for; `other` is onboarding, the diagnose API and the like. */
export type Work = "remediation" | "audit" | "verification" | "other";

/** How one piece of work went: the calls it made, how long it took, whether it finished. */
export interface WorkMeasure {
  calls: number;
  seconds: number;
  outcome: "completed" | "failed";
}

interface Tally {
  work: Work;
  calls: number;
}

const TALLY = createContextKey("smtp-auth-remediation.work");

/**
 * Runs `fn` as `work`, counting the Microsoft 365 calls made inside it, and hands `report` the
 * measure whether it finished or threw. The count rides on the OpenTelemetry context, which the SDK
 * carries through awaits once started; without it there is no exporter to report to, and it stays 0.
 */
export async function inWork<T>(work: Work, fn: () => Promise<T>, report?: (measure: WorkMeasure) => void): Promise<T> {
  const tally: Tally = { work, calls: 0 };
  const started = performance.now();
  let outcome: WorkMeasure["outcome"] = "failed";
  try {
    const result = await context.with(context.active().setValue(TALLY, tally), fn);
    outcome = "completed";
    return result;
  } finally {
    report?.({ calls: tally.calls, seconds: (performance.now() - started) / 1000, outcome });
  }
}

/** Counts one call against the work in progress and says which work it was. */
export function countCall(): Work {
  const tally = context.active().getValue(TALLY) as Tally | undefined;
  if (!tally) return "other";
  tally.calls += 1;
  return tally.work;
}
