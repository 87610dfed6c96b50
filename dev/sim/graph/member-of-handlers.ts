import { resourceNotFound } from "./graph-call";
import { directoryRole } from "./directory-roles";
import { limitedOrFull, memberObject, selectProperties } from "./member-objects";
import { advancedQueryRefusal, pageOf } from "./paging";
import { findUser } from "./users-handlers";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/** GET /users/{id}/transitiveMemberOf/microsoft.graph.directoryRole: active roles, direct or through groups. */
export function listUserDirectoryRoles(call: GraphCall, idOrUpn: string): SimResponse {
  const refusal = advancedQueryRefusal(call);
  if (refusal) return refusal;
  const record = findUser(call, idOrUpn);
  if (!record) return resourceNotFound(call, idOrUpn);
  const roles = call.tenant.activeRolesOf(record).map((role) => directoryRole(call.tenant.idPrefix, role));
  const value = roles.map((r) => limitedOrFull(call, selectProperties(r, call.query.get("$select"))));
  return pageOf(call, value, "directoryObjects(microsoft.graph.directoryRole)", 100);
}

/** GET /users/{id}/transitiveMemberOf/microsoft.graph.group: the groups a user belongs to. */
export function listUserGroups(call: GraphCall, idOrUpn: string): SimResponse {
  const refusal = advancedQueryRefusal(call);
  if (refusal) return refusal;
  const record = findUser(call, idOrUpn);
  if (!record) return resourceNotFound(call, idOrUpn);
  const groups = call.tenant.groupsOf(record).map((g) => memberObject.group(g));
  const value = groups.map((g) => limitedOrFull(call, selectProperties(g, call.query.get("$select"))));
  return pageOf(call, value, "directoryObjects(microsoft.graph.group)", 100);
}
