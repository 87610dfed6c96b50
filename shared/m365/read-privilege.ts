import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import { decidePrivilege, gapsReason } from "../domain/privilege";
import type { PrivilegeGap, RoleGrant } from "../domain/privilege";
import { isM365Error, isRetryable } from "./m365-error";
import type { ExchangeGateway, GraphGateway, GroupMembership, RoleGrantKind, RoleGrantRecord } from "./m365-gateway";
import { readAdminRoleGroupMembers, readExchangeRoleGroupsOf } from "./read-exchange-role-groups";
import { permissionFor } from "./m365-permissions";
import { describeFailure } from "./read-outcome";
import type { Outcome } from "./read-outcome";

/** One user's privilege, as diagnosis, planning and each step's re-check read it. */
export interface UserPrivilegeRead {
  /** Privileged roles held (empty when none); unknown names the permission that would settle it. */
  privilege: Layer<string[]>;
  /** Template ids of roles the user holds actively (CA names roles by them); null when not read. */
  activeRoleTemplateIds: string[] | null;
  /** The first failure worth retrying (throttled, transient), when a read failed that way. */
  retryable?: unknown;
}

const KINDS: readonly RoleGrantKind[] = ["active", "eligible"];
const WHAT: Record<RoleGrantKind, string> = { active: "role assignments", eligible: "PIM-eligible roles" };
const OPERATION: Record<RoleGrantKind, string> = { active: "graph.listRoleAssignments", eligible: "graph.listRoleEligibilities" };

type Read<T> = { ok: true; value: T } | { ok: false; gap: PrivilegeGap; error: unknown };

async function read<T>(what: string, operation: string, fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const permission = (isM365Error(e) ? e.permission : undefined) ?? permissionFor(operation) ?? "Directory.Read.All";
    return { ok: false, gap: { what: `${what} could not be read (${describeFailure(e)})`, permission }, error: e };
  }
}

const toGrant = (kind: RoleGrantKind, viaGroup: string | null) => (r: RoleGrantRecord): RoleGrant => ({ kind, viaGroup, roleDefinitionId: r.roleDefinitionId, definition: r.definition });

/** A principal whose roles reach the user: the user, a group they are in, or one they are eligible to join. */
interface Principal {
  id: string;
  via: string | null;
  /** Reached through a PIM for Groups eligibility: every role of the group is one activation away. */
  eligibleMember: boolean;
}

const GROUP_ELIGIBILITIES = { what: "PIM for Groups eligible memberships", operation: "graph.listGroupEligibilities" } as const;

/**
 * Reads every role that reaches a user: active and PIM-eligible, assigned to the user, to a
 * role-assignable group the user is in, or to a group the user is PIM-eligible to join (or own);
 * and the Exchange role groups the user (or a group of theirs) is a member of. A group whose assignability came back hidden (limited information) is asked too. Pass the groups
 * when already read (diagnosis reads them for CA too).
 */
export async function readUserPrivilege(gw: { graph: GraphGateway; exchange: ExchangeGateway }, userId: string, groupsRead?: Outcome<GroupMembership[]>): Promise<UserPrivilegeRead> {
  const { graph, exchange } = gw;
  const [groups, eligibleGroups] = await Promise.all([
    groupsRead
      ? groupsRead.ok ? groupsRead : ({ ok: false, gap: { what: `the user's groups could not be read (${groupsRead.reason})`, permission: permissionFor("graph.getTransitiveGroups") ?? "" }, error: undefined } as const)
      : read("the user's groups", "graph.getTransitiveGroups", () => graph.getTransitiveGroups(userId)),
    read(GROUP_ELIGIBILITIES.what, GROUP_ELIGIBILITIES.operation, () => graph.listGroupEligibilities({ principalId: userId })),
  ]);
  const principals: Principal[] = [{ id: userId, via: null, eligibleMember: false }];
  if (groups.ok) {
    for (const g of groups.value) if (g.isAssignableToRole !== false) principals.push({ id: g.id, via: g.displayName ?? g.id, eligibleMember: false });
  }
  if (eligibleGroups.ok) {
    const seen = new Set(principals.map((p) => p.id.toLowerCase()));
    for (const e of eligibleGroups.value) {
      if (seen.has(e.groupId.toLowerCase())) continue;
      seen.add(e.groupId.toLowerCase());
      principals.push({ id: e.groupId, via: e.groupId, eligibleMember: true });
    }
  }
  const memberIds = [userId, ...(groups.ok ? groups.value.map((g) => g.id) : [])];
  const [reads, roleGroups] = await Promise.all([
    Promise.all(principals.flatMap((p) => KINDS.map(async (kind) => ({ kind, principal: p, result: await read(WHAT[kind], OPERATION[kind], () => graph.listRoleGrants(kind, p.id)) })))),
    read("Exchange role groups", "exchange.listRoleGroups", () => readExchangeRoleGroupsOf(exchange, memberIds)),
  ]);
  const grants: RoleGrant[] = [];
  const gaps: PrivilegeGap[] = [groups, eligibleGroups, roleGroups].flatMap((r) => (r.ok ? [] : [r.gap]));
  for (const r of reads) {
    if (r.result.ok) grants.push(...r.result.value.map(toGrant(r.principal.eligibleMember ? "eligible" : r.kind, r.principal.via)));
    else gaps.push(r.result.gap);
  }
  const activeRead = reads.filter((r) => r.kind === "active" && !r.principal.eligibleMember).every((r) => r.result.ok) && groups.ok;
  const activeRoleTemplateIds = activeRead ? grants.filter((g) => g.kind === "active").map((g) => g.definition?.templateId ?? g.roleDefinitionId) : null;
  const errors = [groups, eligibleGroups, roleGroups, ...reads.map((r) => r.result)].flatMap((r: Read<unknown>) => (r.ok ? [] : [r.error]));
  const retryable = errors.find(isRetryable);
  const exchangeRoleGroups = roleGroups.ok ? roleGroups.value : [];
  return { privilege: decidePrivilege({ grants, exchangeRoleGroups, gaps }), activeRoleTemplateIds, ...(retryable ? { retryable } : {}) };
}

/**
 * Every user's privilege in one tenant, for the nightly audit: all assignments and eligibilities
 * at once, group-held roles spread over the groups' members and those eligible to join them, and
 * the members of admin Exchange role groups. Only users with a privileged or
 * undecidable role are in the map; any failed read makes the whole layer unknown.
 */
export async function readTenantPrivilege(gw: { graph: GraphGateway; exchange: ExchangeGateway }): Promise<Layer<Map<string, Layer<string[]>>>> {
  const { graph, exchange } = gw;
  const [active, eligible, groups, roleGroups] = await Promise.all([
    read(WHAT.active, OPERATION.active, () => graph.listRoleGrants("active")),
    read(WHAT.eligible, OPERATION.eligible, () => graph.listRoleGrants("eligible")),
    read("role-assignable groups", "graph.listRoleAssignableGroups", () => graph.listRoleAssignableGroups()),
    read("Exchange role groups", "exchange.listRoleGroups", () => readAdminRoleGroupMembers(exchange)),
  ]);
  if (!active.ok || !eligible.ok || !groups.ok || !roleGroups.ok) return unknown(gapReason([active, eligible, groups, roleGroups]));
  const groupById = new Map(groups.value.map((g) => [g.id.toLowerCase(), g]));
  const holders = new Set([...active.value, ...eligible.value].map((g) => g.principalId.toLowerCase()).filter((id) => groupById.has(id)));
  const members = await Promise.all([...holders].map(async (id) => ({ id, result: await read(`members of group ${groupById.get(id)?.displayName ?? id}`, "graph.listGroupMembers", () => graph.listGroupMemberIds(id)) })));
  const eligibleMembers = await Promise.all([...holders].map(async (id) => ({ id, result: await read(GROUP_ELIGIBILITIES.what, GROUP_ELIGIBILITIES.operation, () => graph.listGroupEligibilities({ groupId: id })) })));
  const memberReads = [...members, ...eligibleMembers].map((m) => m.result);
  if (memberReads.some((r) => !r.ok)) return unknown(gapReason(memberReads));
  const membersOf = new Map(members.map((m) => [m.id, m.result.ok ? m.result.value : []]));
  const eligibleMembersOf = new Map(eligibleMembers.map((m) => [m.id, m.result.ok ? m.result.value.map((e) => e.principalId) : []]));

  const byUser = new Map<string, RoleGrant[]>();
  const add = (userId: string, grant: RoleGrant): void => void byUser.set(userId, [...(byUser.get(userId) ?? []), grant]);
  for (const [kind, records] of [["active", active.value], ["eligible", eligible.value]] as const) {
    for (const r of records) {
      const group = groupById.get(r.principalId.toLowerCase());
      if (!group) add(r.principalId, toGrant(kind, null)(r));
      else {
        const via = group.displayName ?? group.id;
        for (const member of membersOf.get(group.id.toLowerCase()) ?? []) add(member, toGrant(kind, via)(r));
        for (const member of eligibleMembersOf.get(group.id.toLowerCase()) ?? []) add(member, toGrant("eligible", via)(r));
      }
    }
  }
  // Role-group members are taken as users here: a group nested in a role group is expanded only by
  // the per-user read before a write (readUserPrivilege), which knows the user's groups.
  const roleGroupsOf = new Map<string, string[]>();
  for (const g of roleGroups.value) for (const id of g.memberIds) roleGroupsOf.set(id, [...(roleGroupsOf.get(id) ?? []), g.name]);
  const userOf = new Map([...byUser.keys()].map((id) => [id.toLowerCase(), id]));
  for (const id of roleGroupsOf.keys()) if (!userOf.has(id)) userOf.set(id, id);
  const verdicts = new Map<string, Layer<string[]>>();
  for (const [key, userId] of userOf) {
    const verdict = decidePrivilege({ grants: byUser.get(userId) ?? [], exchangeRoleGroups: roleGroupsOf.get(key) ?? [], gaps: [] });
    if (!verdict.known || verdict.value.length > 0) verdicts.set(userId, verdict);
  }
  return known(verdicts);
}

function gapReason(reads: ReadonlyArray<Read<unknown>>): string {
  return gapsReason(reads.flatMap((r) => (r.ok ? [] : [r.gap])));
}
