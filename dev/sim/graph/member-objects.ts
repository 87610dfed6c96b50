import { mayCall } from "../state/app-consent";
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

/**
 * Who may read each type of directory object in full (Microsoft's "limited information" rule: an
 * object type the app holds no read permission for comes back as `@odata.type` and `id` only).
 */
const READERS: Record<string, readonly string[]> = {
  "#microsoft.graph.user": ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  "#microsoft.graph.group": ["GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  "#microsoft.graph.directoryRole": ["RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.Read.All", "Directory.ReadWrite.All"],
};

/**
 * Whether this call sees only limited information for an object: the app cannot read its type, or
 * (the tests' knob, kept from before grantedPermissions) `Directory.Read.All` is denied while
 * `User.Read.All` is not.
 */
export function seesLimitedInformation(call: GraphCall, odataType: unknown): boolean {
  const denied = call.tenant.flags.deniedPermissions;
  if (denied.includes("Directory.Read.All") && !denied.includes("User.Read.All")) return true;
  const readers = READERS[String(odataType)];
  return readers !== undefined && !mayCall(call.tenant.flags, readers);
}

/** The object as the caller may see it: whole, or only its type and id. */
export function limitedOrFull(call: GraphCall, object: Record<string, unknown>): Record<string, unknown> {
  return seesLimitedInformation(call, object["@odata.type"]) ? { "@odata.type": object["@odata.type"], id: object.id } : object;
}

/** Applies $select (unknown properties are dropped, id and @odata.type always kept). */
export function selectProperties(object: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (select === null) return object;
  const wanted = new Set(select.split(",").map((s) => s.trim()).filter(Boolean));
  return Object.fromEntries(Object.entries(object).filter(([k]) => k === "@odata.type" || k === "id" || wanted.has(k)));
}
