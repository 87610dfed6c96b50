import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import { isM365Error } from "./m365-error";

/** A read that either gave a value or failed with a reason fit for a report. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The reason a layer stays unknown when its mailbox does not exist. */
export const MAILBOX_NOT_FOUND = "mailbox not found";

/** A failure as a short reason: what failed and why (M365Error messages carry no token or secret). */
export function describeFailure(e: unknown): string {
  if (isM365Error(e)) return e.message;
  return `unexpected error: ${e instanceof Error ? e.name : "unknown"}`;
}

/** Runs one read and keeps its failure as a reason instead of throwing. */
export async function attempt<T>(read: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (e) {
    return { ok: false, reason: describeFailure(e) };
  }
}

/** A read as a layer: known value, or unknown with the reason. */
export function toLayer<T>(outcome: Outcome<T>): Layer<T> {
  return outcome.ok ? known(outcome.value) : unknown(outcome.reason);
}
