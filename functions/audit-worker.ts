import type { InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { QUEUES, SERVICE_BUS_CONNECTION } from "../shared/queue/queue-names";
import { serviceBusQueueFunction } from "./define";

/**
 * Audits the tenant one message names, when the service's audit slots let it (AUDIT_CONCURRENCY
 * tenants at once per instance, one audit per tenant). A failure throws: the run is idempotent per
 * runId, so a redelivery rewrites the same run and enqueues nothing twice.
 */
export async function auditWorker(message: unknown, context: InvocationContext): Promise<void> {
  const audit = await getAuditService(await getAppServices());
  const body: unknown = typeof message === "string" ? JSON.parse(message) : message;
  const result = await audit.auditTenant(body);
  if (!result) {
    context.log("auditWorker: tenant no longer onboarded; nothing audited.");
    return;
  }
  const { run } = result;
  context.log(`auditWorker: ${run.tenantId} run ${run.runId}: ${run.summary?.findings ?? 0} finding(s), ${run.summary?.newFindings ?? 0} new, ${run.summary?.unknown ?? 0} unknown.`);
}

export const auditWorkerFunction = serviceBusQueueFunction("auditWorker", {
  connection: SERVICE_BUS_CONNECTION,
  queueName: QUEUES.audits,
  handler: auditWorker,
});
