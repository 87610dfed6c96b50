import { badRequest, odataContext } from "./graph-call";
import { ORGANIZATION_PROPERTIES, parseSelect } from "./resource-properties";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/** The tenant's initial domain, as Microsoft names it at sign-up: `<name>.onmicrosoft.com`. */
export function initialDomain(tenantId: string): string {
  return `${tenantId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 27) || "tenant"}.onmicrosoft.com`;
}

/** GET /organization[?$select=verifiedDomains]: the one organization object, with its verified domains. */
export function getOrganization(call: GraphCall): SimResponse {
  const tenant = call.tenant;
  const initial = initialDomain(tenant.tenantId);
  const names = [...new Set([tenant.domain.toLowerCase(), initial, ...tenant.flags.extraVerifiedDomains.map((d) => d.toLowerCase())])];
  const verifiedDomains = names.map((name) => ({
    capabilities: name === initial ? "Email, OfficeCommunicationsOnline" : "Email",
    isDefault: name === tenant.domain.toLowerCase(),
    isInitial: name === initial,
    name,
    type: "Managed",
  }));
  const organization: Record<string, unknown> = { id: tenant.tenantId, displayName: tenant.domain, verifiedDomains };
  const select = parseSelect(call.query.get("$select"), ORGANIZATION_PROPERTIES, "organization");
  if (typeof select === "string") return badRequest(call, select);
  const shaped = select ? Object.fromEntries(["id", ...select].map((k) => [k, organization[k] ?? null])) : organization;
  return json(200, { "@odata.context": odataContext(call, select ? `organization(${select.join(",")})` : "organization"), value: [shaped] });
}
