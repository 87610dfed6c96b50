import { AppError } from "../errors/app-error";
import type { Operator } from "./operator";

/** What scoping reads of a tenant: its id and the Entra groups its policy lets act on it; `seal` when its row failed its seal. */
export interface ScopedTenant {
  tenantId: string;
  policy: { operatorGroups: readonly string[] };
  seal?: { status: "broken" };
}

/**
 * Whether an operator may see and act on a tenant: a tenant naming no groups is open to every operator.
 * A tenant whose stored row failed its seal has groups nobody can believe: only Tenant.Manage holders,
 * who must save it again (with a second of them), see it until then.
 */
export function inTenantScope(operator: Pick<Operator, "groups"> & Partial<Pick<Operator, "roles">>, tenant: ScopedTenant): boolean {
  if (tenant.seal) return operator.roles?.includes("Tenant.Manage") ?? false;
  const allowed = tenant.policy.operatorGroups;
  return allowed.length === 0 || allowed.some((group) => operator.groups.includes(group.toLowerCase()));
}

/** Throws 403 TENANT_NOT_IN_SCOPE unless the operator is in one of the tenant's operator groups. */
export function requireTenantScope(operator: Pick<Operator, "groups" | "upn"> & Partial<Pick<Operator, "roles">>, tenant: ScopedTenant): void {
  if (!inTenantScope(operator, tenant)) {
    throw new AppError("TENANT_NOT_IN_SCOPE", `${operator.upn} is in none of tenant ${tenant.tenantId}'s operator groups (policy operatorGroups).`);
  }
}
