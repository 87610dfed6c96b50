import { getAppServices } from "../shared/app-services";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants/{tenantId}/events: who onboarded, changed, approved, issued secrets for or offboarded the tenant, newest first. */
export const tenantEvents = operatorHttpFunction("tenantEvents", {
  methods: ["GET"],
  route: "tenants/{tenantId}/events",
  role: "Remediation.Read",
  handler: async (request) => {
    const services = await getAppServices();
    const tenantId = request.params.tenantId ?? "";
    return { status: 200, jsonBody: { tenantId, events: await services.tenantEvents.list(tenantId) } };
  },
});
