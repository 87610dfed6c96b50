import { NO_PIM_LICENCE_CODE } from "./graph-directory";
import { allPages } from "./graph-pages";
import type { GraphRequester } from "./graph-requester";
import { isM365Error } from "./m365-error";
import type { GroupEligibilityRecord } from "./m365-gateway";

interface EligibilityJson {
  groupId: string;
  principalId: string;
  accessId?: string | null;
}

/**
 * PIM for Groups: who is eligible to become a member or owner of which group
 * (/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances, v1.0). Graph requires a
 * filter on the principal or the group, so the reads are one user's, or one group's.
 */
export async function readGroupEligibilities(requester: GraphRequester, by: { principalId: string } | { groupId: string }): Promise<GroupEligibilityRecord[]> {
  const [field, value] = "principalId" in by ? ["principalId", by.principalId] : ["groupId", by.groupId];
  try {
    const rows = await allPages<EligibilityJson>(requester, {
      operation: "graph.listGroupEligibilities",
      method: "GET",
      path: `/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=${encodeURIComponent(`${field} eq '${value.replace(/'/g, "''")}'`)}`,
    });
    // An owner can add anyone, themselves included: ownership counts like membership.
    return rows.map((r) => ({ groupId: r.groupId, principalId: r.principalId, accessId: r.accessId === "owner" ? "owner" : "member" }));
  } catch (e) {
    if (isM365Error(e) && e.code === NO_PIM_LICENCE_CODE) return [];
    throw e;
  }
}
