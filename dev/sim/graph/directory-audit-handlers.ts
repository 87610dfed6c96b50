import { badRequest } from "./graph-call";
import { pageOf } from "./paging";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";
import type { DirectoryAuditRecord } from "../state/tenant-records";

const CLAUSE = /^(category|loggedByService|activityDisplayName)\s+eq\s+'((?:[^']|'')*)'$|^activityDateTime\s+(ge|gt|le|lt)\s+(\S+)$/i;

/** GET /auditLogs/directoryAudits with $filter on category, loggedByService, activityDisplayName and activityDateTime; newest first. */
export function listDirectoryAudits(call: GraphCall): SimResponse {
  const predicates: Array<(a: DirectoryAuditRecord) => boolean> = [];
  const filter = call.query.get("$filter");
  for (const clause of filter ? filter.split(/\s+and\s+/i) : []) {
    const predicate = auditPredicate(clause.trim());
    if (!predicate) return badRequest(call, `Invalid filter clause: '${clause.trim()}'.`);
    predicates.push(predicate);
  }
  const matching = call.tenant.directoryAudits.filter((a) => predicates.every((p) => p(a))).sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime));
  return pageOf(call, matching, "auditLogs/directoryAudits", 1000);
}

function auditPredicate(clause: string): ((a: DirectoryAuditRecord) => boolean) | undefined {
  const match = CLAUSE.exec(clause);
  if (!match) return undefined;
  const [, field, value, operator, instant] = match;
  if (field && value !== undefined) {
    const key = field.toLowerCase() === "category" ? "category" : field.toLowerCase() === "loggedbyservice" ? "loggedByService" : "activityDisplayName";
    const wanted = value.replace(/''/g, "'").toLowerCase();
    return (a) => a[key].toLowerCase() === wanted;
  }
  const at = Date.parse(instant ?? "");
  if (Number.isNaN(at)) return undefined;
  const compare: Record<string, (t: number) => boolean> = { ge: (t) => t >= at, gt: (t) => t > at, le: (t) => t <= at, lt: (t) => t < at };
  const test = compare[(operator ?? "").toLowerCase()];
  return test ? (a) => test(Date.parse(a.activityDateTime)) : undefined;
}
