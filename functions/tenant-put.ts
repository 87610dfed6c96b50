import { getAppServices } from "../shared/app-services";
import { readJsonBody } from "../shared/http/read-json-body";
import { onboardTenant } from "../shared/remediation/onboard-tenant";
import { verifiedDomainsReader } from "../shared/remediation/read-verified-domains";
import { operatorHttpFunction } from "./operator-route";

/** PUT /api/tenants/{tenantId}: onboard a tenant (201) or update it (200), its domains checked against the tenant. */
export const putTenant = operatorHttpFunction("tenantPut", {
  methods: ["PUT"],
  route: "tenants/{tenantId}",
  role: "Tenant.Manage",
  handler: async (request) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const { tenant, created } = await onboardTenant(request.params.tenantId ?? "", body, { registry: services.tenants, readVerifiedDomains: verifiedDomainsReader(services.gateways) }, new Date());
    return { status: created ? 201 : 200, jsonBody: tenant };
  },
});
