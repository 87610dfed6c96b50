import type { InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { QUEUES, SERVICE_BUS_CONNECTION } from "../shared/queue/queue-names";
import { failDeadLetteredRequest } from "../shared/remediation/fail-dead-lettered";
import { serviceBusQueueFunction } from "./define";

/** Reads the step queue's dead letters and marks their requests failed instead of leaving them running. */
export async function stepDeadLettersHandler(message: unknown, context: InvocationContext): Promise<void> {
  const services = await getAppServices();
  const meta = context.triggerMetadata ?? {};
  const reason = String(meta.deadLetterReason ?? meta.deadLetterErrorDescription ?? "dead-lettered");
  const outcome = await failDeadLetteredRequest(message, reason, services.remediation);
  context.warn(`dead-lettered stage message ${String(meta.messageId ?? "")}: ${reason} → ${outcome}`);
}

export const stepDeadLetters = serviceBusQueueFunction("stepDeadLetters", {
  connection: SERVICE_BUS_CONNECTION,
  queueName: `${QUEUES.steps}/$DeadLetterQueue`,
  handler: stepDeadLettersHandler,
});
