import type { TenantFlags } from "./tenant-records";

/**
 * The application permissions Microsoft documents for one call: "Least privileged" and "Higher
 * privileged" alike, any one suffices. A non-empty tuple, so no route or cmdlet can be added
 * without a permission decision; an empty list still refuses at run time.
 */
export type AcceptedPermissions = readonly [string, ...string[]];

/** Whether the tenant's app holds a permission: granted by consent and not taken away by `deniedPermissions`. */
export function holdsPermission(flags: Pick<TenantFlags, "grantedPermissions" | "deniedPermissions">, permission: string): boolean {
  const has = (list: readonly string[]): boolean => list.some((p) => p.toLowerCase() === permission.toLowerCase());
  return has(flags.grantedPermissions) && !has(flags.deniedPermissions);
}

/** Whether the app may make a call that accepts these permissions (an empty list is refused). */
export function mayCall(flags: Pick<TenantFlags, "grantedPermissions" | "deniedPermissions">, accepted: readonly string[]): boolean {
  return accepted.some((p) => holdsPermission(flags, p));
}

/** Exchange Online's application permissions; every other granted permission is Microsoft Graph's. */
const EXCHANGE_ROLES = ["Exchange.ManageAsApp", "SMTP.SendAsApp"];

/** The `roles` claim of an app-only token for one resource: the permissions the tenant's consent holds for it. */
export function tokenRoles(flags: Pick<TenantFlags, "grantedPermissions" | "deniedPermissions">, resource: "graph" | "exchange"): string[] {
  const held = flags.grantedPermissions.filter((p) => p.includes(".") && holdsPermission(flags, p));
  if (resource === "graph") return held.filter((p) => !EXCHANGE_ROLES.includes(p));
  return held.filter((p) => EXCHANGE_ROLES.includes(p));
}
