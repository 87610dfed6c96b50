import type { InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { QUEUES, SERVICE_BUS_CONNECTION } from "../shared/queue/queue-names";
import { noteTrailOn, processOutboxMessage } from "../shared/tickets";
import { serviceBusQueueFunction } from "./define";

/** Delivers one ticket note; retryable failures are re-scheduled on the outbox, never thrown. */
export async function ticketOutboxWorker(message: unknown, context: InvocationContext): Promise<void> {
  const services = await getAppServices();
  const result = await processOutboxMessage(message, {
    settings: services.settings,
    queue: services.queue,
    log: (line) => context.log(line),
    trail: noteTrailOn(services.events),
    connections: services.ticketConnections,
  });
  context.log(`ticket outbox: ${result.outcome}`);
}

export const ticketOutboxWorkerFunction = serviceBusQueueFunction("ticketOutboxWorker", {
  connection: SERVICE_BUS_CONNECTION,
  queueName: QUEUES.ticketOutbox,
  handler: ticketOutboxWorker,
});
