import { odataContext } from "./graph-call";
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
  const select = call.query.get("$select")?.split(",").map((s) => s.trim()).filter(Boolean);
  const shaped = select?.length ? Object.fromEntries(Object.entries(organization).filter(([k]) => k === "id" || select.includes(k))) : organization;
  return json(200, { "@odata.context": odataContext(call, select?.length ? `organization(${select.join(",")})` : "organization"), value: [shaped] });
}
