import { badRequest, resourceNotFound } from "./graph-call";
import { limitedOrFull, memberObject, selectProperties } from "./member-objects";
import { advancedQueryRefusal, pageOf } from "./paging";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

const ASSIGNABLE_FILTER = /^\s*isAssignableToRole\s+eq\s+(true|false)\s*$/i;

/** GET /groups[?$filter=isAssignableToRole eq true|false][&$select=...]. */
export function listGroups(call: GraphCall): SimResponse {
  const refusal = advancedQueryRefusal(call);
  if (refusal) return refusal;
  let groups = [...call.tenant.groups.values()];
  const filter = call.query.get("$filter");
  if (filter !== null) {
    const match = ASSIGNABLE_FILTER.exec(filter);
    if (!match?.[1]) return badRequest(call, "Unsupported or invalid query filter clause specified for property.", "Request_UnsupportedQuery");
    const wanted = match[1].toLowerCase() === "true";
    groups = groups.filter((g) => g.isAssignableToRole === wanted);
  }
  const value = groups.map((g) => selectProperties(memberObject.group(g), call.query.get("$select")));
  return pageOf(call, value, "groups", 100);
}

/** GET /groups/{id}/members: the group's users (role-assignable groups cannot hold groups). */
export function listGroupMembers(call: GraphCall, groupId: string): SimResponse {
  const refusal = advancedQueryRefusal(call);
  if (refusal) return refusal;
  const group = call.tenant.groups.get(groupId.toLowerCase());
  if (!group) return resourceNotFound(call, groupId);
  const members = group.members.flatMap((upn) => {
    const record = call.tenant.mailboxes.find(upn);
    return record ? [memberObject.user(record)] : [];
  });
  const value = members.map((m) => limitedOrFull(call, selectProperties(m, call.query.get("$select"))));
  return pageOf(call, value, "directoryObjects", 100);
}
