import { isTerminalStatus } from "../domain/types";
import type { RemediationDeps } from "./remediation-deps";
import { RequestSession } from "./request-session";

/**
 * A stage message reached the dead-letter queue: its request would otherwise stay "running"
 * forever. Mark it failed with the broker's reason, so the caller and the ticket hear of it.
 */
export async function failDeadLetteredRequest(body: unknown, reason: string, deps: RemediationDeps): Promise<"failed" | "ignored"> {
  const requestId = typeof body === "object" && body !== null ? (body as { requestId?: unknown }).requestId : undefined;
  if (typeof requestId !== "string") return "ignored";
  const session = await RequestSession.load(requestId, deps);
  if (!session || isTerminalStatus(session.record.status)) return "ignored";
  for (const step of session.record.steps) {
    if (step.status === "running" || step.status === "retrying" || step.status === "pending") {
      Object.assign(step, { status: step.status === "pending" ? "skipped" : "failed", reason: `Not finished: ${reason}` });
    }
  }
  await session.finish("failed", `The worker could not process this request (${reason}). Nothing further was changed; see the event trail.`);
  return "failed";
}
