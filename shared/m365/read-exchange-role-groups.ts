import { isAdminRoleGroup } from "../domain/exchange-role-groups";
import type { ExchangeGateway } from "./m365-gateway";

/**
 * The admin Exchange role groups one of the principals is a member of. Principals are the user's
 * Entra object id and the ids of the user's groups: a role group may hold a mail-enabled security
 * group. Only groups that are admin power and have members are asked for their members.
 */
export async function readExchangeRoleGroupsOf(exchange: ExchangeGateway, principalIds: readonly string[]): Promise<string[]> {
  const wanted = new Set(principalIds.map((id) => id.toLowerCase()));
  const groups = (await exchange.listRoleGroups()).filter((g) => g.hasMembers && isAdminRoleGroup(g.name));
  const members = await Promise.all(groups.map(async (g) => ({ name: g.name, ids: await exchange.listRoleGroupMemberIds(g.name) })));
  return members.filter((m) => m.ids.some((id) => wanted.has(id.toLowerCase()))).map((m) => m.name);
}
