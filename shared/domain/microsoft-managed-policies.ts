/**
 * Microsoft-managed Conditional Access policies: created by Microsoft in eligible tenants in
 * report-only, and switched on by Microsoft "no less than 45 days after they're introduced in your
 * tenant if they're left in the Report-only state", with notice "28 days before the policies are
 * enabled" (https://learn.microsoft.com/entra/identity/conditional-access/managed-policies).
 * Admins can turn them off or exclude accounts but cannot rename or delete them, so Graph shows them
 * with Microsoft's display name and the template they were made from (conditionalAccessPolicy.templateId).
 * "Block legacy authentication" is Microsoft's template 0b2282f9-…; for the MFA ones no template id is
 * published, so their name (which admins cannot change) and a template id of any value identify them.
 */
export const MICROSOFT_MANAGED_POLICIES: ReadonlyArray<{ key: string; displayName: string; templateId: string | null; blocksLegacyAuth: boolean }> = [
  { key: "block-legacy-authentication", displayName: "Block legacy authentication", templateId: "0b2282f9-2862-4178-88b5-d79340b36cb8", blocksLegacyAuth: true },
  { key: "mfa-per-user-mfa-users", displayName: "Multifactor authentication for per-user multifactor authentication users", templateId: null, blocksLegacyAuth: false },
  { key: "mfa-admin-portals", displayName: "Multifactor authentication for admins accessing Microsoft Admin Portals", templateId: null, blocksLegacyAuth: false },
];


/** Microsoft's earliest switch-on after a policy is introduced in report-only. */
export const MANAGED_POLICY_REPORT_ONLY_DAYS = 45;

/** The parts of a CA policy that tell whether Microsoft manages it and when it went on. */
export interface ManagedPolicyFacts {
  displayName: string;
  templateId?: string | null;
  createdDateTime?: string | null;
  modifiedDateTime?: string | null;
  state: string;
}

/** Which Microsoft-managed policy this is, or null: Microsoft's exact name and one of its templates. */
export function microsoftManagedKey(policy: ManagedPolicyFacts): string | null {
  if (!policy.templateId) return null;
  const match = MICROSOFT_MANAGED_POLICIES.find((m) => m.displayName === policy.displayName && (m.templateId === null || m.templateId === policy.templateId));
  return match?.key ?? null;
}

/** The earliest day Microsoft turns a report-only managed policy on (YYYY-MM-DD), from its creation. */
export function earliestEnforcement(createdDateTime: string): string | null {
  const created = Date.parse(createdDateTime);
  if (Number.isNaN(created)) return null;
  return new Date(created + MANAGED_POLICY_REPORT_ONLY_DAYS * 86_400_000).toISOString().slice(0, 10);
}
