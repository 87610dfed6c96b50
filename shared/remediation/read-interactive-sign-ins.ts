import { INTERACTIVE_LOOKBACK_DAYS, type InteractiveSignIns } from "../domain/standing-policy";
import type { TenantGateways } from "../m365/m365-gateway";
import { isRetryable } from "../m365/m365-error";

/**
 * Whether a person signs in to this account (a browser sign-in within the lookback): one Graph read,
 * asked only before a plan would run without a person. Anything unread is "unknown", never "none";
 * a transient failure is thrown, for the stage to retry.
 */
export async function readInteractiveSignIns(graph: TenantGateways["graph"], userId: string | null | undefined, now: Date): Promise<InteractiveSignIns> {
  if (!userId || !graph.hasInteractiveSignInSince) return "unknown";
  try {
    const since = new Date(now.getTime() - INTERACTIVE_LOOKBACK_DAYS * 24 * 3_600_000).toISOString();
    const found = await graph.hasInteractiveSignInSince(userId, since);
    return found === null ? "unknown" : found ? "recent" : "none";
  } catch (e) {
    if (isRetryable(e)) throw e;
    return "unknown";
  }
}
