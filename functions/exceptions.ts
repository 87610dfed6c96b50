import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** GET /api/tenants/{tenantId}/exceptions: the tenant's exceptions register, each with its status. */
export const listExceptions = httpFunction("tenantExceptions", {
  methods: ["GET"],
  route: "tenants/{tenantId}/exceptions",
  authLevel: "function",
  handler: withHttpErrors(async (request) => {
    const audit = await getAuditService(await getAppServices());
    return { status: 200, jsonBody: await audit.listExceptions(request.params.tenantId ?? "") };
  }),
});
