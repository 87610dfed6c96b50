import { badRequest } from "./graph-call";
import { pageOf } from "./paging";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

// Graph requires a filter on the principal or the group for this collection.
const FILTER = /^\s*(principalId|groupId)\s+eq\s+'([^']+)'\s*$/i;

/**
 * GET /identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=principalId|groupId eq '{id}':
 * PIM for Groups membership eligibilities (the simulator holds no ownership eligibilities).
 */
export function listGroupEligibilityInstances(call: GraphCall): SimResponse {
  const match = FILTER.exec(call.query.get("$filter") ?? "");
  if (!match?.[1] || !match[2]) return badRequest(call, "Invalid filter: principalId eq '{id}' or groupId eq '{id}' is required.");
  const field = match[1].toLowerCase();
  const value = match[2].toLowerCase();
  const rows: Array<Record<string, unknown>> = [];
  for (const group of call.tenant.groups.values()) {
    if (field === "groupid" && group.id !== value) continue;
    for (const upn of group.eligibleMembers) {
      const user = call.tenant.mailboxes.find(upn);
      if (!user || (field === "principalid" && user.id.toLowerCase() !== value)) continue;
      rows.push({
        id: `${group.id}_member_${user.id}`,
        eligibilityScheduleId: `${group.id}_member_${user.id}`,
        groupId: group.id,
        principalId: user.id,
        accessId: "member",
        memberType: "direct",
        startDateTime: "2026-01-01T00:00:00Z",
        endDateTime: null,
      });
    }
  }
  return pageOf(call, rows, "identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", 100);
}
