import type { AuditRunRecord, AuditRunResults } from "../shared/audit/audit-run";
import type { RunAuditDeps } from "../shared/audit/run-audit";
import type { ExceptionRecord } from "../shared/audit/exception-record";

/**
 * In-memory stand-ins for the register and the run store, so the audit benchmark measures the
 * Microsoft 365 side (calls, time, memory) and not Table Storage.
 */
export function memoryExceptions(records: ExceptionRecord[]): RunAuditDeps["exceptions"] {
  return {
    list: async (tenantId) => records.filter((r) => r.tenantId === tenantId),
    close: async (tenantId, id, reason, at) => {
      const record = records.find((r) => r.tenantId === tenantId && r.id === id) ?? null;
      if (record && !record.closedAt) Object.assign(record, { closedAt: at.toISOString(), closedReason: reason });
      return record;
    },
  };
}

export function memoryRuns(): RunAuditDeps["runs"] {
  const runs: AuditRunRecord[] = [];
  const results = new Map<string, AuditRunResults>();
  return {
    saveRun: async (run) => {
      const at = runs.findIndex((r) => r.tenantId === run.tenantId && r.runId === run.runId);
      if (at >= 0) runs.splice(at, 1);
      runs.push(run);
    },
    saveResults: async (tenantId, runId, stored) => void results.set(`${tenantId}|${runId}`, stored),
    latestRun: async (tenantId, options = {}) =>
      runs
        .filter((r) => r.tenantId === tenantId && r.status === "completed" && r.runId !== options.excludeRunId)
        .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0] ?? null,
    loadResults: async (tenantId, runId) => results.get(`${tenantId}|${runId}`) ?? { findings: [], carried: [], unknown: [] },
    saveReadiness: async () => undefined,
  };
}
