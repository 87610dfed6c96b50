import { badRequest, graphError } from "./graph-call";
import { pageOf } from "./paging";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";
import type { SignInRecord } from "../state/tenant-records";

const SIGN_IN_CLAUSE = /^(clientAppUsed|userPrincipalName|userId|appId)\s+eq\s+'((?:[^']|'')*)'$|^createdDateTime\s+(ge|gt|le|lt)\s+(\S+)$/i;

/** The beta filter for app sign-ins; without it Graph lists users' sign-ins only. */
const SERVICE_PRINCIPAL_CLAUSE = /^signInEventTypes\/any\(t:\s*t\s+eq\s+'servicePrincipal'\)$/i;

/** GET /auditLogs/signIns with $filter on clientAppUsed, createdDateTime, userId, userPrincipalName, appId (and beta's signInEventTypes). */
export function listSignIns(call: GraphCall): SimResponse {
  if (!call.tenant.flags.signInLogs) {
    return graphError(call, 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Tenant does not have a SKU required to complete this operation: Neither tenant is B2C or tenant doesn't have premium license.");
  }
  const predicates: Array<(s: SignInRecord) => boolean> = [];
  const filter = call.query.get("$filter");
  let servicePrincipals = false;
  for (const clause of filter ? filter.split(/\s+and\s+/i) : []) {
    if (SERVICE_PRINCIPAL_CLAUSE.test(clause.trim())) {
      if (call.version !== "beta") return badRequest(call, "Invalid filter clause: signInEventTypes is only on beta.");
      servicePrincipals = true;
      continue;
    }
    const predicate = signInPredicate(clause.trim());
    if (!predicate) return badRequest(call, `Invalid filter clause: '${clause.trim()}'.`);
    predicates.push(predicate);
  }
  const isApp = (s: SignInRecord): boolean => s.signInEventTypes?.includes("servicePrincipal") === true;
  const matching = call.tenant.loggedSignIns()
    .filter((s) => isApp(s) === servicePrincipals && predicates.every((p) => p(s)))
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return pageOf(call, matching, "auditLogs/signIns", 1000);
}

function signInPredicate(clause: string): ((s: SignInRecord) => boolean) | undefined {
  const match = SIGN_IN_CLAUSE.exec(clause);
  if (!match) return undefined;
  const [, field, value, operator, instant] = match;
  if (field && value !== undefined) {
    const wanted = value.replace(/''/g, "'").toLowerCase();
    const keys = { clientappused: "clientAppUsed", userid: "userId", appid: "appId", userprincipalname: "userPrincipalName" } as const;
    const key = keys[field.toLowerCase() as keyof typeof keys];
    return (s) => s[key].toLowerCase() === wanted;
  }
  const at = Date.parse(instant ?? "");
  if (Number.isNaN(at)) return undefined;
  const compare: Record<string, (t: number) => boolean> = { ge: (t) => t >= at, gt: (t) => t > at, le: (t) => t <= at, lt: (t) => t < at };
  const test = compare[(operator ?? "").toLowerCase()];
  return test ? (s) => test(Date.parse(s.createdDateTime)) : undefined;
}
