import type { RemediationRecord } from "./remediation-record";

/** The public shape of a request (`GET /api/remediations/{id}`): the record without worker internals. */
export function remediationView(record: RemediationRecord, statusUrl?: string): Record<string, unknown> {
  const { next, lease, stage, diagnoseAttempts, partialState, automaticReserved, ...visible } = record;
  void next, lease, diagnoseAttempts, partialState, automaticReserved;
  return {
    ...visible,
    ...(statusUrl ? { statusUrl } : {}),
    currentStage: stage,
    diagnosis: record.diagnosis ?? { causes: [], unknownLayers: [] },
  };
}

/** Where a caller polls a request; PUBLIC_BASE_URL wins over the origin the request came in on. */
export function statusUrlFor(id: string, requestUrl: string, publicBaseUrl?: string): string {
  const base = publicBaseUrl ?? new URL(requestUrl).origin;
  return `${base.replace(/\/$/, "")}/api/remediations/${encodeURIComponent(id)}`;
}
