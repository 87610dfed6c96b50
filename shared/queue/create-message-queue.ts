import type { Settings } from "../config/settings";
import { LocalMessageQueue } from "./local-queue";
import type { MessageQueue } from "./message-queue";
import { ServiceBusMessageQueue } from "./service-bus-queue";

/** The transport the settings ask for: Service Bus in Azure, Azurite queues locally. */
export function createMessageQueue(settings: Settings): MessageQueue {
  if (settings.QUEUE_TRANSPORT === "local") return new LocalMessageQueue(settings.AzureWebJobsStorage);
  return ServiceBusMessageQueue.fromSettings(settings);
}
