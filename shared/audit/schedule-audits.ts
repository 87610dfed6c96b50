import type { MessageQueue } from "../queue/message-queue";
import { QUEUES } from "../queue/queue-names";
import type { AuditMessage, TenantSource } from "./audit-ports";

export interface ScheduleAuditsResult {
  runId: string;
  tenants: number;
}

/** A run id that sorts and reads as the time of the tick, e.g. "20250101T020000Z". */
export function auditRunId(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/**
 * The timer's use case: one audit message per onboarded tenant. Message ids are per run and
 * tenant, so a timer that fires twice for the same tick queues each tenant once.
 */
export async function scheduleAudits(tenants: Pick<TenantSource, "list">, queue: MessageQueue, now: Date): Promise<ScheduleAuditsResult> {
  const runId = auditRunId(now);
  const list = await tenants.list();
  for (const tenant of list) await queueTenantAudit(tenant.tenantId, queue, now);
  return { runId, tenants: list.length };
}

/** One tenant's audit message, the same the timer sends, so "audit now" runs exactly the nightly audit. */
export async function queueTenantAudit(tenantId: string, queue: MessageQueue, now: Date): Promise<AuditMessage> {
  const runId = auditRunId(now);
  const body: AuditMessage = { tenantId, runId, requestedAt: now.toISOString() };
  await queue.send(QUEUES.audits, body, { messageId: `audit:${runId}:${tenantId}`, correlationId: runId });
  return body;
}
