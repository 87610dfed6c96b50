/**
 * Why a remediation in a read-only tenant ends "planned": the app was granted reads only there, so a
 * person applies the planned steps, or the tenant grants the writes and is onboarded read-write.
 */
export function readOnlyReason(tenantId: string): string {
  return `Planned only: tenant ${tenantId} is onboarded read-only (the app may read, not change, its settings). A person of the tenant applies the planned steps, or grants the write permissions and onboards the tenant with "access": "read-write".`;
}
