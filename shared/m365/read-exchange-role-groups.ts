import { isAdminRoleGroup } from "../domain/exchange-role-groups";
import type { ExchangeGateway } from "./m365-gateway";

/** An admin Exchange role group and the Entra object ids of its members (users or groups). */
export interface AdminRoleGroupMembers {
  name: string;
  memberIds: string[];
}

/** Every Exchange role group that is admin power and has members, with its members' ids. */
export async function readAdminRoleGroupMembers(exchange: ExchangeGateway): Promise<AdminRoleGroupMembers[]> {
  const groups = (await exchange.listRoleGroups()).filter((g) => g.hasMembers && isAdminRoleGroup(g.name));
  return Promise.all(groups.map(async (g) => ({ name: g.name, memberIds: (await exchange.listRoleGroupMemberIds(g.name)).map((id) => id.toLowerCase()) })));
}

/**
 * The admin Exchange role groups one of the principals is a member of. Principals are the user's
 * Entra object id and the ids of the user's groups: a role group may hold a mail-enabled security group.
 */
export async function readExchangeRoleGroupsOf(exchange: ExchangeGateway, principalIds: readonly string[]): Promise<string[]> {
  const wanted = new Set(principalIds.map((id) => id.toLowerCase()));
  const groups = await readAdminRoleGroupMembers(exchange);
  return groups.filter((g) => g.memberIds.some((id) => wanted.has(id))).map((g) => g.name);
}
