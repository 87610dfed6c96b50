import { badRequest, nextLink, odataContext, pageSize, startPosition } from "./graph-call";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/**
 * `$count=true` on directory objects is an advanced query: Graph answers 400 unless the request
 * carries `ConsistencyLevel: eventual` ("Advanced query capabilities on Microsoft Entra ID objects").
 * Returns the 400, or undefined when the query may run.
 */
export function advancedQueryRefusal(call: GraphCall): SimResponse | undefined {
  const count = call.query.get("$count");
  if (count === null) return undefined;
  if (count.toLowerCase() !== "true" && count.toLowerCase() !== "false") return badRequest(call, `Invalid value '${count}' for $count.`);
  if (count.toLowerCase() === "true" && (call.consistencyLevel ?? "").toLowerCase() !== "eventual") {
    return badRequest(call, "$count is not currently supported.", "Request_BadRequest");
  }
  return undefined;
}

/** One page of a collection with $top, $skiptoken, @odata.nextLink and, when asked, @odata.count. */
export function pageOf(call: GraphCall, all: unknown[], context: string, fallbackTop: number): SimResponse {
  const top = pageSize(call, fallbackTop, 999);
  if (typeof top === "string") return badRequest(call, top);
  const start = startPosition(call);
  if (typeof start === "string") return badRequest(call, start);
  const end = Math.min(all.length, start + top);
  const body: Record<string, unknown> = { "@odata.context": odataContext(call, context) };
  if ((call.query.get("$count") ?? "").toLowerCase() === "true") body["@odata.count"] = all.length;
  if (end < all.length) body["@odata.nextLink"] = nextLink(call, end);
  body.value = all.slice(start, end);
  return json(200, body);
}
