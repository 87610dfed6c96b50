import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants/{tenantId}/exceptions: the tenant's exceptions register, each with its status. */
export const listExceptions = operatorHttpFunction("tenantExceptions", {
  methods: ["GET"],
  route: "tenants/{tenantId}/exceptions",
  role: "Remediation.Read",
  handler: async (request) => {
    const audit = await getAuditService(await getAppServices());
    return { status: 200, jsonBody: await audit.listExceptions(request.params.tenantId ?? "") };
  },
});
