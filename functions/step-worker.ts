import type { InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { QUEUES, SERVICE_BUS_CONNECTION } from "../shared/queue/queue-names";
import { handleStageMessage } from "../shared/remediation/handle-stage-message";
import { withMessageContext } from "../shared/telemetry/tracing";
import { serviceBusQueueFunction } from "./define";

/**
 * Runs one stage of one request per message. Transient Microsoft 365 failures are re-scheduled by
 * the use case itself; what is thrown here is a bug or a poison message, which the broker
 * redelivers and finally dead-letters.
 */
export async function stepWorkerHandler(message: unknown, context: InvocationContext): Promise<void> {
  const services = await getAppServices();
  // The message carries the trace of the request that sent it (traceparent in its application properties).
  const outcome = await withMessageContext(context.triggerMetadata?.applicationProperties, () => handleStageMessage(message, services.remediation));
  if (outcome !== "ran") context.log(`stage message ${String(context.triggerMetadata?.messageId ?? "")}: ${outcome}`);
}

export const stepWorker = serviceBusQueueFunction("stepWorker", {
  connection: SERVICE_BUS_CONNECTION,
  queueName: QUEUES.steps,
  handler: stepWorkerHandler,
});
