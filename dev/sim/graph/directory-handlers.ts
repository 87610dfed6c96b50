import { badRequest, graphError, nextLink, odataContext, pageSize, resourceNotFound, startPosition } from "./graph-call";
import { directoryRole, roleAssignment } from "./directory-roles";
import { findUser } from "./users-handlers";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";
import type { SignInRecord } from "../state/tenant-records";

const PRINCIPAL_FILTER = /^\s*principalId\s+eq\s+'([^']+)'\s*$/i;
const SIGN_IN_CLAUSE = /^(clientAppUsed|userPrincipalName|userId)\s+eq\s+'((?:[^']|'')*)'$|^createdDateTime\s+(ge|gt|le|lt)\s+(\S+)$/i;

/** GET /roleManagement/directory/roleAssignments[?$filter=principalId eq '{id}'][&$expand=roleDefinition]. */
export function listRoleAssignments(call: GraphCall): SimResponse {
  const expand = (call.query.get("$expand") ?? "").split(",").map((s) => s.trim()).includes("roleDefinition");
  const filter = call.query.get("$filter");
  const store = call.tenant.mailboxes;
  let holders = store.indexesWithRoles().map((index) => store.at(index));
  if (filter !== null) {
    const principal = PRINCIPAL_FILTER.exec(filter)?.[1];
    if (!principal) return badRequest(call, "Invalid filter clause: only principalId eq '{id}' is supported.");
    holders = holders.filter((r) => r.id === principal.toLowerCase());
  }
  const all = holders.flatMap((r) => r.roles.map((role) => roleAssignment(r.id, role, expand)));
  return page(call, all, expand ? "roleManagement/directory/roleAssignments(roleDefinition())" : "roleManagement/directory/roleAssignments", 100);
}

/** GET /users/{id}/transitiveMemberOf/microsoft.graph.directoryRole. */
export function listUserDirectoryRoles(call: GraphCall, idOrUpn: string): SimResponse {
  const record = findUser(call, idOrUpn);
  if (!record) return resourceNotFound(call, idOrUpn);
  return json(200, {
    "@odata.context": odataContext(call, "directoryObjects(microsoft.graph.directoryRole)"),
    value: record.roles.map((role) => directoryRole(call.tenant.idPrefix, role)),
  });
}

/** GET /auditLogs/signIns with $filter on clientAppUsed, createdDateTime, userId, userPrincipalName. */
export function listSignIns(call: GraphCall): SimResponse {
  if (!call.tenant.flags.signInLogs) {
    return graphError(call, 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Tenant does not have a SKU required to complete this operation: Neither tenant is B2C or tenant doesn't have premium license.");
  }
  const predicates: Array<(s: SignInRecord) => boolean> = [];
  const filter = call.query.get("$filter");
  for (const clause of filter ? filter.split(/\s+and\s+/i) : []) {
    const predicate = signInPredicate(clause.trim());
    if (!predicate) return badRequest(call, `Invalid filter clause: '${clause.trim()}'.`);
    predicates.push(predicate);
  }
  const matching = call.tenant.signIns
    .filter((s) => predicates.every((p) => p(s)))
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return page(call, matching, "auditLogs/signIns", 1000);
}

function signInPredicate(clause: string): ((s: SignInRecord) => boolean) | undefined {
  const match = SIGN_IN_CLAUSE.exec(clause);
  if (!match) return undefined;
  const [, field, value, operator, instant] = match;
  if (field && value !== undefined) {
    const wanted = value.replace(/''/g, "'").toLowerCase();
    const key = field.toLowerCase() === "clientappused" ? "clientAppUsed" : field.toLowerCase() === "userid" ? "userId" : "userPrincipalName";
    return (s) => s[key].toLowerCase() === wanted;
  }
  const at = Date.parse(instant ?? "");
  if (Number.isNaN(at)) return undefined;
  const compare: Record<string, (t: number) => boolean> = { ge: (t) => t >= at, gt: (t) => t > at, le: (t) => t <= at, lt: (t) => t < at };
  const test = compare[(operator ?? "").toLowerCase()];
  return test ? (s) => test(Date.parse(s.createdDateTime)) : undefined;
}

function page(call: GraphCall, all: unknown[], context: string, fallbackTop: number): SimResponse {
  const top = pageSize(call, fallbackTop, 999);
  if (typeof top === "string") return badRequest(call, top);
  const start = startPosition(call);
  if (typeof start === "string") return badRequest(call, start);
  const end = Math.min(all.length, start + top);
  const body: Record<string, unknown> = { "@odata.context": odataContext(call, context) };
  if (end < all.length) body["@odata.nextLink"] = nextLink(call, end);
  body.value = all.slice(start, end);
  return json(200, body);
}
