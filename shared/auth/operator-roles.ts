/**
 * The app roles of the product's API registration (the `roles` claim of an operator's token). Each
 * operator route needs exactly one; Entra assigns them to users or groups (docs/real-tenant-setup.md).
 */
export const OPERATOR_ROLES = ["Remediation.Read", "Remediation.Request", "Remediation.Approve", "Tenant.Manage"] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export function isOperatorRole(value: unknown): value is OperatorRole {
  return typeof value === "string" && (OPERATOR_ROLES as readonly string[]).includes(value);
}
