import type { RemediationRecord } from "./remediation-record";

/** The public shape of a request (`GET /api/remediations/{id}`): the record without worker internals. */
export function remediationView(record: RemediationRecord, statusUrl?: string): Record<string, unknown> {
  // The resolved account's names (account) serve the policy checks; the contract shows userId only.
  const { next, lease, stage, diagnoseAttempts, partialState, automaticReserved, account, ...visible } = record;
  void next, lease, diagnoseAttempts, partialState, automaticReserved, account;
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
