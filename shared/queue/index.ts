/** The message transport: what the rest of the code may use from shared/queue. */
export type { MessageQueue, SendOptions } from "./message-queue";
export { QUEUES, SERVICE_BUS_CONNECTION } from "./queue-names";
export type { QueueName } from "./queue-names";
export { createMessageQueue } from "./create-message-queue";
export { ServiceBusMessageQueue, ServiceBusConfigError, createServiceBusClient } from "./service-bus-queue";
export type { MessageSender, ServiceBusMessageQueueOptions } from "./service-bus-queue";
export { LocalMessageQueue, MAX_VISIBILITY_TIMEOUT_SECONDS, delayToVisibilitySeconds } from "./local-queue";
export type { LocalMessageQueueOptions } from "./local-queue";
export { deadLetterQueueName, localQueueNameFor, SERVICE_BUS_DEAD_LETTER_SUFFIX } from "./local-envelope";
export type { LocalDeadLetter, LocalEnvelope } from "./local-envelope";
