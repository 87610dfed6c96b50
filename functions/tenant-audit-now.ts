import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { operatorHttpFunction } from "./operator-route";

/**
 * POST /api/tenants/{tenantId}/audits: audits one tenant now, queued as the nightly timer queues it.
 * 202 with `Location` (and `latest` in the body) naming the report the run will become.
 */
export const tenantAuditNow = operatorHttpFunction("tenantAuditNow", {
  methods: ["POST"],
  route: "tenants/{tenantId}/audits",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const audit = await getAuditService(services);
    const queued = await audit.scheduleTenant(request.params.tenantId ?? "");
    const base = (services.settings.PUBLIC_BASE_URL ?? new URL(request.url).origin).replace(/\/$/, "");
    const latest = `${base}/api/audits/${encodeURIComponent(queued.tenantId)}/latest`;
    context.log(`audit of ${queued.tenantId} queued as run ${queued.runId} by ${operator.upn}`);
    return { status: 202, headers: { location: latest }, jsonBody: { ...queued, status: "queued", latest } };
  },
});
