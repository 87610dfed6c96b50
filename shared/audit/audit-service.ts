import { z } from "zod";
import { appMetrics } from "../telemetry/metrics";
import { inSpan } from "../telemetry/tracing";
import { inWork, type WorkMeasure } from "../telemetry/work-tally";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import { AppError } from "../errors/app-error";
import type { M365GatewayFactory } from "../m365/m365-gateway";
import type { MessageQueue } from "../queue/message-queue";
import type { TenantPolicy } from "../domain/types";
import type { AuditedTenant, AuditEvent, AuditMessage, AuditNotification, TenantSource } from "./audit-ports";
import { auditOverview, type AuditOverview } from "./audit-overview";
import { latestAuditReport } from "./audit-report";
import type { AuditReport } from "./audit-report";
import type { AuditRunStore } from "./audit-run-store";
import { AuditSlots } from "./audit-slots";
import type { ReadinessReport } from "./readiness";
import { exceptionStatus } from "./exception-record";
import type { ExceptionRecord, ExceptionStatus } from "./exception-record";
import type { ExceptionRegister } from "./exception-register";
import { runAudit } from "./run-audit";
import type { RunAuditResult } from "./run-audit";
import { queueTenantAudit, scheduleAudits } from "./schedule-audits";
import type { ScheduleAuditsResult } from "./schedule-audits";

export interface AuditServiceDeps {
  gateways: M365GatewayFactory;
  queue: MessageQueue;
  tenants: TenantSource;
  exceptions: ExceptionRegister;
  runs: AuditRunStore;
  enqueueNote: (note: AuditNotification) => Promise<void>;
  recordEvent: (event: AuditEvent) => Promise<void>;
  /** How many tenants this process audits at once, one audit per tenant (default AuditSlots'). */
  slots?: AuditSlots;
  clock?: () => Date;
}

/** The body of `GET /api/tenants/{tenantId}/exceptions`. */
export interface ExceptionsView {
  tenantId: string;
  exceptions: Array<ExceptionRecord & { status: ExceptionStatus }>;
}

/** What the audit's functions call; one object so the composition root wires it once. */
export interface AuditService {
  /** The timer: one audit message per onboarded tenant. */
  scheduleAll(): Promise<ScheduleAuditsResult>;
  /** `POST /api/tenants/{id}/audits`: the nightly audit of one tenant, queued now. Throws TENANT_NOT_FOUND. */
  scheduleTenant(tenantId: string): Promise<AuditMessage>;
  /** The worker: audits the tenant a message names; null when the tenant is no longer onboarded. */
  auditTenant(message: unknown): Promise<RunAuditResult | null>;
  /** Throws TENANT_NOT_FOUND or AUDIT_NOT_FOUND (404s). */
  latestReport(tenantId: string): Promise<AuditReport>;
  /** Every onboarded tenant's latest audit (`GET /api/audits?latest=true`). */
  /** Every tenant's latest audit, or only those `visible` says (an operator's scope). */
  overview(visible?: (tenant: AuditedTenant) => boolean): Promise<AuditOverview>;
  /** Throws TENANT_NOT_FOUND. */
  listExceptions(tenantId: string): Promise<ExceptionsView>;
  /** The latest audit's readiness report. Throws TENANT_NOT_FOUND or AUDIT_NOT_FOUND. */
  latestReadiness(tenantId: string): Promise<ReadinessReport>;
}

const AuditMessageSchema = z.object({ tenantId: z.string().min(1), runId: z.string().min(1), requestedAt: z.iso.datetime() });

/** One tenant's audit in the operator's metrics: how long it took and how many calls it made. */
function recordAudit({ calls, seconds, outcome }: WorkMeasure): void {
  appMetrics().auditDuration.record(seconds, { outcome });
  appMetrics().auditCalls.record(calls, { outcome });
}

export function createAuditService(deps: AuditServiceDeps): AuditService {
  const clock = deps.clock ?? (() => new Date());
  const slots = deps.slots ?? new AuditSlots();
  const requireTenant = async (tenantId: string) => {
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) throw new AppError("TENANT_NOT_FOUND");
    return tenant;
  };
  return {
    scheduleAll: () => scheduleAudits(deps.tenants, deps.queue, clock()),
    async scheduleTenant(tenantId) {
      const tenant = await requireTenant(tenantId);
      return queueTenantAudit(tenant.tenantId, deps.queue, clock());
    },
    async auditTenant(message) {
      const parsed = AuditMessageSchema.parse(message);
      const tenant = await deps.tenants.get(parsed.tenantId);
      if (!tenant) return null;
      const audit = () =>
        runAudit(
          { ...parsed, policy: auditPolicy(tenant) },
          { gateways: deps.gateways.forTenant(parsed.tenantId), exceptions: deps.exceptions, runs: deps.runs, enqueueNote: deps.enqueueNote, recordEvent: deps.recordEvent, clock },
        );
      return slots.run(parsed.tenantId, () => inSpan("audit tenant", { "audit.tenant_id": parsed.tenantId, "audit.run_id": parsed.runId }, () => inWork("audit", audit, recordAudit)));
    },
    async latestReport(tenantId) {
      await requireTenant(tenantId);
      const report = await latestAuditReport(deps.runs, tenantId);
      if (!report) throw new AppError("AUDIT_NOT_FOUND");
      return report;
    },
    overview: (visible) => auditOverview(deps.tenants, deps.runs, clock(), visible),
    async latestReadiness(tenantId) {
      await requireTenant(tenantId);
      const run = await deps.runs.latestRun(tenantId);
      const report = run ? await deps.runs.loadReadiness(tenantId, run.runId) : null;
      if (!report) throw new AppError("AUDIT_NOT_FOUND");
      return report;
    },
    async listExceptions(tenantId) {
      await requireTenant(tenantId);
      const now = clock();
      const records = await deps.exceptions.list(tenantId);
      return { tenantId, exceptions: records.map((r) => ({ ...r, status: exceptionStatus(r, now) })) };
    },
  };
}

/** The tenant's policy for its audit; a read-only tenant's exceptions are reported, never reverted. */
export function auditPolicy(tenant: AuditedTenant): TenantPolicy {
  const policy = resolveTenantPolicy(tenant.policy);
  return tenant.access === "read-only" ? { ...policy, autoRevertExpired: false } : policy;
}
