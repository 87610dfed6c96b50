import { roleTemplateId } from "./directory-roles";
import type { SimTenant } from "../state/sim-tenant";

/** Active assignments (roleAssignments) or PIM eligibilities (roleEligibilityScheduleInstances). */
export type GrantKind = "active" | "eligible";

/** One role granted to one principal: a user, or a role-assignable group whose members hold it. */
export interface SimRoleGrant {
  principalId: string;
  principalType: "user" | "group";
  roleName: string;
}

/** Every grant of a kind in the tenant, users first (directory order), then groups. */
export function roleGrants(tenant: SimTenant, kind: GrantKind): SimRoleGrant[] {
  const store = tenant.mailboxes;
  const grants: SimRoleGrant[] = [];
  for (const index of store.indexesWithRoles()) {
    const record = store.at(index);
    const roles = kind === "active" ? record.roles : record.eligibleRoles;
    for (const roleName of roles) grants.push({ principalId: record.id, principalType: "user", roleName });
  }
  for (const group of tenant.groups.values()) {
    const roles = kind === "active" ? group.roles : group.eligibleRoles;
    for (const roleName of roles) grants.push({ principalId: group.id, principalType: "group", roleName });
  }
  return grants;
}

/** A grant's id: base64url of the role id, then the principal (the shape Entra's ids have). */
export function grantId(grant: SimRoleGrant): string {
  const roleId = roleTemplateId(grant.roleName).replace(/-/g, "");
  return `${Buffer.from(roleId, "hex").toString("base64url")}-${grant.principalId}`;
}
