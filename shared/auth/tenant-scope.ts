import { AppError } from "../errors/app-error";
import type { Operator } from "./operator";

/** What scoping reads of a tenant: its id and the Entra groups its policy lets act on it. */
export interface ScopedTenant {
  tenantId: string;
  policy: { operatorGroups: readonly string[] };
}

/** Whether an operator may see and act on a tenant: a tenant naming no groups is open to every operator. */
export function inTenantScope(operator: Pick<Operator, "groups">, tenant: ScopedTenant): boolean {
  const allowed = tenant.policy.operatorGroups;
  return allowed.length === 0 || allowed.some((group) => operator.groups.includes(group.toLowerCase()));
}

/** Throws 403 TENANT_NOT_IN_SCOPE unless the operator is in one of the tenant's operator groups. */
export function requireTenantScope(operator: Pick<Operator, "groups" | "upn">, tenant: ScopedTenant): void {
  if (!inTenantScope(operator, tenant)) {
    throw new AppError("TENANT_NOT_IN_SCOPE", `${operator.upn} is in none of tenant ${tenant.tenantId}'s operator groups (policy operatorGroups).`);
  }
}
