/** The audit room's public surface: what functions/, the composition root and the step worker use. */
export { FINDING_TYPES, SEVERITIES, SEVERITY_OF, TENANT_SUBJECT, findingKey } from "./finding";
export type { Finding, FindingDraft, FindingType, Severity, UnknownEntry } from "./finding";
export { EXCEPTION_SETTINGS, exceptionExpiry, exceptionId, exceptionStatus } from "./exception-record";
export type { ExceptionRecord, ExceptionSetting, ExceptionStatus, RecordExceptionInput } from "./exception-record";
export { ExceptionRegister } from "./exception-register";
export { AuditRunStore } from "./audit-run-store";
export type { AuditRunRecord, AuditRunResults, AuditSummary } from "./audit-run";
export type { AuditEvent, AuditMessage, AuditNotification, AuditedTenant, NewFindingsNotification, RevertedFixNotification, TenantSource } from "./audit-ports";
export { computeFindings } from "./compute-findings";
export { readTenantSnapshot } from "./read-tenant-snapshot";
export { runAudit } from "./run-audit";
export type { RunAuditDeps, RunAuditInput, RunAuditResult } from "./run-audit";
export { auditRunId, scheduleAudits } from "./schedule-audits";
export { latestAuditReport } from "./audit-report";
export type { AuditReport, TrendPoint } from "./audit-report";
export { renderAuditReportHtml } from "./audit-report-html";
export { createAuditService } from "./audit-service";
export type { AuditService, AuditServiceDeps, ExceptionsView } from "./audit-service";
