/** Every queue the app uses. Function registrations and senders take names from here only. */
export const QUEUES = {
  /** One message per remediation request in flight: "run stage N of request R". */
  steps: "remediation-steps",
  /** Ticket write-back (comments, notes), retried on its own so it never fails a remediation. */
  ticketOutbox: "ticket-outbox",
  /** One message per onboarded tenant per audit run. */
  audits: "tenant-audits",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** App setting holding the Service Bus connection (or `<name>__fullyQualifiedNamespace` for managed identity). */
export const SERVICE_BUS_CONNECTION = "ServiceBusConnection";
