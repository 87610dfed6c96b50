import { operatorRef } from "../shared/auth/operator";
import { getAppServices } from "../shared/app-services";
import { readJsonBody } from "../shared/http/read-json-body";
import { putTenant } from "../shared/remediation/put-tenant";
import { verifiedDomainsReader } from "../shared/remediation/read-verified-domains";
import { operatorHttpFunction } from "./operator-route";

/**
 * PUT /api/tenants/{tenantId}: onboard a tenant (201) or update it (200), its domains checked against
 * the tenant; a change that loosens its policy answers 202 and waits for a second Tenant.Manage holder.
 */
export const putTenantRoute = operatorHttpFunction("tenantPut", {
  methods: ["PUT"],
  route: "tenants/{tenantId}",
  role: "Tenant.Manage",
  handler: async (request, _context, operator) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const deps = { registry: services.tenants, readVerifiedDomains: verifiedDomainsReader(services.gateways), events: services.tenantEvents, changes: services.policyChanges };
    const outcome = await putTenant(request.params.tenantId ?? "", body, operatorRef(operator), deps, new Date());
    if (outcome.kind === "applied") return { status: outcome.created ? 201 : 200, jsonBody: outcome.tenant };
    const { changeId, loosens, expiresAt } = outcome.change;
    return { status: 202, jsonBody: { status: "awaiting-approval", changeId, loosens, expiresAt, approveUrl: `/api/tenants/${encodeURIComponent(outcome.change.tenantId)}/policy-changes/${changeId}/approve` } };
  },
});
