import type { InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { ConcurrencyLimit } from "../shared/queue/concurrency-limit";
import { QUEUES, SERVICE_BUS_CONNECTION } from "../shared/queue/queue-names";
import { serviceBusQueueFunction } from "./define";

/**
 * Tenant audits run four at a time per instance: one holds a large tenant's mailbox list in memory,
 * and host.json's maxConcurrentCalls (shared by every queue trigger) is sized for the step worker.
 */
const audits = new ConcurrencyLimit(4);

/**
 * Audits the tenant one message names. A failure throws: the run is idempotent per runId, so a
 * redelivery rewrites the same run and enqueues nothing twice.
 */
export async function auditWorker(message: unknown, context: InvocationContext): Promise<void> {
  const audit = await getAuditService(await getAppServices());
  const body: unknown = typeof message === "string" ? JSON.parse(message) : message;
  const result = await audits.run(() => audit.auditTenant(body));
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
