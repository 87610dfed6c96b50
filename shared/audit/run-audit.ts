import type { TenantPolicy } from "../domain/types";
import type { TenantGateways } from "../m365/m365-gateway";
import type { AuditEvent, AuditNotification } from "./audit-ports";
import { summarize } from "./audit-run";
import type { AuditRunRecord, AuditRunResults } from "./audit-run";
import type { AuditRunStore } from "./audit-run-store";
import { AuditView } from "./audit-view";
import { autoRevertExpired } from "./auto-revert";
import { buildReadiness } from "./build-readiness";
import { summarizeReadiness } from "./readiness";
import { computeFindings } from "./compute-findings";
import type { ExceptionRegister } from "./exception-register";
import { notificationsFor } from "./notify-findings";
import { readTenantSnapshot } from "./read-tenant-snapshot";
import { trackFindings } from "./track-findings";

export interface RunAuditInput {
  tenantId: string;
  runId: string;
  /** When the run was asked for (the timer tick): orders the tenant's runs. */
  requestedAt: string;
  policy: TenantPolicy;
}

export interface RunAuditDeps {
  gateways: TenantGateways;
  exceptions: Pick<ExceptionRegister, "list" | "close">;
  runs: Pick<AuditRunStore, "saveRun" | "saveResults" | "latestRun" | "loadResults" | "saveReadiness">;
  /** Sends a notification through the outbox; the message id in it is stable per run. */
  enqueueNote: (note: AuditNotification) => Promise<void>;
  recordEvent: (event: AuditEvent) => Promise<void>;
  clock?: () => Date;
}

export interface RunAuditResult {
  run: AuditRunRecord;
  results: AuditRunResults;
  notifications: AuditNotification[];
}

/**
 * Audits one tenant: read the snapshot, hold it against the exceptions register, compare with the
 * previous run, store the run and its findings, notify what is new, and (when the tenant's policy
 * says so) re-disable SMTP AUTH whose exception expired. Safe to run again with the same runId.
 */
export async function runAudit(input: RunAuditInput, deps: RunAuditDeps): Promise<RunAuditResult> {
  const clock = deps.clock ?? (() => new Date());
  const started = clock();
  const base = { tenantId: input.tenantId, runId: input.runId, requestedAt: input.requestedAt, startedAt: started.toISOString() };
  await deps.runs.saveRun({ ...base, status: "running" });

  const exceptions = await deps.exceptions.list(input.tenantId);
  const snapshot = await readTenantSnapshot(deps.gateways, {
    exceptions: exceptions.filter((e) => !e.closedAt),
    now: started,
  });
  const computed = computeFindings(snapshot, exceptions, started);
  // Readiness comes from the same snapshot: the sign-in read above is its only Microsoft 365 read.
  const readiness = buildReadiness(snapshot, exceptions, input.runId, started);
  await deps.runs.saveReadiness(readiness);
  const previousRun = await deps.runs.latestRun(input.tenantId, { excludeRunId: input.runId });
  const previous = previousRun ? await deps.runs.loadResults(input.tenantId, previousRun.runId) : undefined;
  const tracked = trackFindings(computed.findings, computed.unknown, previous ? [...previous.findings, ...previous.carried] : [], started);

  let findings = tracked.findings;
  let autoReverted = 0;
  if (input.policy.autoRevertExpired) {
    const view = new AuditView(snapshot, exceptions, started);
    const revert = await autoRevertExpired(input.runId, view, findings, { exchange: deps.gateways.exchange, exceptions: deps.exceptions, recordEvent: deps.recordEvent });
    findings = revert.findings;
    autoReverted = revert.reverted;
  }

  const results: AuditRunResults = { findings, carried: tracked.carried, unknown: computed.unknown };
  await deps.runs.saveResults(input.tenantId, input.runId, results);
  const notifications = notificationsFor(input.tenantId, input.runId, input.policy.locale, tracked.newFindings);
  for (const note of notifications) await deps.enqueueNote(note);

  const run: AuditRunRecord = {
    ...base,
    status: "completed",
    completedAt: clock().toISOString(),
    summary: summarize(results, {
      newFindings: tracked.newFindings.length,
      mailboxes: computed.mailboxes,
      smtpAuthOn: computed.smtpAuthOn,
      activeExceptions: computed.activeExceptions,
      autoReverted,
      readiness: summarizeReadiness(readiness),
    }),
  };
  await deps.runs.saveRun(run);
  return { run, results, notifications };
}
