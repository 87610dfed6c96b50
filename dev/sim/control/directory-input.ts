import { ControlInputError } from "./control-input";
import type { CustomRoleRecord, GroupRecord } from "../state/directory-records";
import type { RoleGroupRecord } from "../state/role-group-records";

const stringList = (value: unknown, field: string): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new ControlInputError(`${field} must be an array of strings`);
  return value as string[];
};

const upns = (value: unknown, field: string): string[] => {
  const list = stringList(value, field).map((m) => m.toLowerCase());
  if (list.some((m) => !m.includes("@"))) throw new ControlInputError(`${field} must be UPNs (name@domain)`);
  return list;
};

/**
 * A group from `PUT /_sim/tenants/{t}/groups/{groupId}`. Roles need `isAssignableToRole: true`:
 * Entra assigns directory roles only to role-assignable groups. `eligibleMembers` are PIM for Groups
 * eligibilities (any group may have them).
 */
export function groupFrom(id: string, body: Record<string, unknown>): GroupRecord {
  if (typeof body.displayName !== "string" || body.displayName.trim() === "") throw new ControlInputError("displayName is required");
  if (body.isAssignableToRole !== undefined && typeof body.isAssignableToRole !== "boolean") throw new ControlInputError("isAssignableToRole must be a boolean");
  const isAssignableToRole = body.isAssignableToRole === true;
  const roles = stringList(body.roles, "roles");
  const eligibleRoles = stringList(body.eligibleRoles, "eligibleRoles");
  if (!isAssignableToRole && roles.length + eligibleRoles.length > 0) {
    throw new ControlInputError("only a group with isAssignableToRole: true can hold directory roles");
  }
  const members = upns(body.members, "members");
  const eligibleMembers = upns(body.eligibleMembers, "eligibleMembers");
  return { id: id.toLowerCase(), displayName: body.displayName, isAssignableToRole, roles, eligibleRoles, members, eligibleMembers };
}

/** A custom role from `PUT /_sim/tenants/{t}/role-definitions/{displayName}`. */
export function customRoleFrom(displayName: string, body: Record<string, unknown>): CustomRoleRecord {
  if (displayName.trim() === "") throw new ControlInputError("the role needs a display name");
  if (typeof body.isPrivileged !== "boolean") throw new ControlInputError("isPrivileged must be a boolean");
  return { displayName, isPrivileged: body.isPrivileged, allowedResourceActions: stringList(body.allowedResourceActions, "allowedResourceActions") };
}

/** An Exchange role group from `PUT /_sim/tenants/{t}/role-groups/{name}`: `{"roles": [...], "members": [upn...]}`. */
export function roleGroupFrom(name: string, body: Record<string, unknown>): RoleGroupRecord {
  if (name.trim() === "") throw new ControlInputError("the role group needs a name");
  return { name, roles: stringList(body.roles, "roles"), members: upns(body.members, "members") };
}
