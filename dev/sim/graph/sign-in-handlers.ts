import { badRequest, graphError } from "./graph-call";
import { pageOf } from "./paging";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";
import type { SignInRecord } from "../state/tenant-records";

const SIGN_IN_CLAUSE = /^(clientAppUsed|userPrincipalName|userId)\s+eq\s+'((?:[^']|'')*)'$|^createdDateTime\s+(ge|gt|le|lt)\s+(\S+)$/i;

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
  const matching = call.tenant.loggedSignIns()
    .filter((s) => predicates.every((p) => p(s)))
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return pageOf(call, matching, "auditLogs/signIns", 1000);
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
