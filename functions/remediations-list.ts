import { getAppServices } from "../shared/app-services";
import { inTenantScope, requireTenantScope } from "../shared/auth";
import { listRemediations } from "../shared/remediation/list-remediations";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/remediations?status=&tenantId=&mailbox=&ticket=&since=&limit=&continuationToken=: newest first, a page at a time. */
export const listRemediationsHttp = operatorHttpFunction("remediationsList", {
  methods: ["GET"],
  route: "remediations",
  role: "Remediation.Read",
  handler: async (request, _context, operator) => {
    const services = await getAppServices();
    const hidden = new Set<string>();
    for (const tenant of await services.tenants.list()) {
      if (tenant.tenantId === request.query.get("tenantId")) requireTenantScope(operator, tenant);
      if (!inTenantScope(operator, tenant)) hidden.add(tenant.tenantId);
    }
    const page = await listRemediations(Object.fromEntries(request.query.entries()), services.requests, (record) => !hidden.has(record.tenantId));
    const base = services.settings.PUBLIC_BASE_URL;
    return {
      status: 200,
      jsonBody: {
        remediations: page.remediations.map((record) => remediationView(record, statusUrlFor(record.id, request.url, base))),
        ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
      },
    };
  },
});
