import { badRequest, odataContext } from "./graph-call";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

const APP_ID_FILTER = /^appId\s+eq\s+'([0-9a-f-]{36})'$/i;

/** GET /servicePrincipals?$filter=appId eq '<id>': the tenant's enterprise application for an app (empty when none). */
export function listServicePrincipals(call: GraphCall): SimResponse {
  const filter = call.query.get("$filter");
  const match = filter ? APP_ID_FILTER.exec(filter.trim()) : null;
  if (filter && !match) return badRequest(call, `Invalid filter clause: '${filter}'.`);
  const apps = [...call.tenant.applications.values()].filter((a) => !match || a.appId.toLowerCase() === (match[1] ?? "").toLowerCase());
  const value = apps.map((a) => ({ id: a.servicePrincipalId, appId: a.appId, displayName: a.displayName, servicePrincipalType: "Application", accountEnabled: true }));
  return json(200, { "@odata.context": odataContext(call, "servicePrincipals"), value });
}
