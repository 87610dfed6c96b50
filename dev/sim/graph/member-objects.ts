import type { GraphCall } from "./graph-call";

/**
 * Directory objects as memberOf, members and $expand=principal list them. Without
 * `Directory.Read.All` Graph still answers 200 but returns only `@odata.type` and `id` for objects
 * the app may not read ("limited information returned for inaccessible member objects").
 */
export const memberObject = {
  user: (u: { id: string; displayName: string; userPrincipalName: string }): Record<string, unknown> => ({
    "@odata.type": "#microsoft.graph.user",
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
  }),
  group: (g: { id: string; displayName: string; isAssignableToRole: boolean }): Record<string, unknown> => ({
    "@odata.type": "#microsoft.graph.group",
    id: g.id,
    displayName: g.displayName,
    isAssignableToRole: g.isAssignableToRole,
    securityEnabled: true,
    mailEnabled: false,
  }),
};

/** Whether this call sees only limited information for directory objects it lists. */
export function seesLimitedInformation(call: GraphCall): boolean {
  const denied = call.tenant.flags.deniedPermissions;
  return denied.includes("Directory.Read.All") && !denied.includes("User.Read.All");
}

/** The object as the caller may see it: whole, or only its type and id. */
export function limitedOrFull(call: GraphCall, object: Record<string, unknown>): Record<string, unknown> {
  return seesLimitedInformation(call) ? { "@odata.type": object["@odata.type"], id: object.id } : object;
}

/** Applies $select (unknown properties are dropped, id and @odata.type always kept). */
export function selectProperties(object: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (select === null) return object;
  const wanted = new Set(select.split(",").map((s) => s.trim()).filter(Boolean));
  return Object.fromEntries(Object.entries(object).filter(([k]) => k === "@odata.type" || k === "id" || wanted.has(k)));
}
