import { coded, reasonCode } from "../domain/request-reasons";
import type { AppServices } from "../app-services";
import { enqueueTicketNote } from "../tickets/outbox-message";
import { AuditRunStore } from "./audit-run-store";
import { createAuditService } from "./audit-service";
import type { AuditService } from "./audit-service";
import { AuditSlots } from "./audit-slots";
import { AUDIT_NOTIFY_TICKET_SETTING, auditTicketFromSetting, toTicketNote } from "./audit-ticket-notes";

const built = new WeakMap<AppServices, Promise<AuditService>>();

/**
 * The audit service over the app's services: notifications go to the ticket outbox, auto-reverts
 * to the event trail. Built once per services object.
 */
export function getAuditService(services: AppServices): Promise<AuditService> {
  let service = built.get(services);
  if (!service) {
    service = build(services);
    built.set(services, service);
    service.catch(() => built.delete(services));
  }
  return service;
}

async function build(services: AppServices): Promise<AuditService> {
  const runs = await AuditRunStore.open(services.settings.AzureWebJobsStorage);
  const destination = auditTicketFromSetting(services.settings.raw[AUDIT_NOTIFY_TICKET_SETTING]);
  return createAuditService({
    gateways: services.gateways,
    queue: services.queue,
    tenants: services.tenants,
    exceptions: services.exceptions,
    runs,
    slots: new AuditSlots(services.settings.AUDIT_CONCURRENCY),
    enqueueNote: (note) => enqueueTicketNote(services.queue, toTicketNote(note, destination)),
    recordEvent: async (event) => {
      if (event.type === "exception-auto-revert-failed") {
        services.log.warn(`Audit ${event.runId}: auto-revert of ${event.subject} failed: ${event.reason ?? "unknown reason"}.`);
        return;
      }
      await services.events.append(
        { tenantId: event.tenantId, requestId: event.requestId, kind: "reverted", at: event.at, setting: "mailbox-smtp-auth", subject: event.subject, before: "enabled", after: "disabled", ...coded(reasonCode("event-reverted", { exceptionId: event.exceptionId })) },
        { dedupeKey: `auto-revert:${event.exceptionId}` },
      );
    },
  });
}
