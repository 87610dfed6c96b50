import { getAppServices } from "../shared/app-services";
import { operatorRef, requireTenantScope } from "../shared/auth";
import { readJsonBody } from "../shared/http/read-json-body";
import { acceptRemediation } from "../shared/remediation/accept-remediation";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { operatorHttpFunction } from "./operator-route";

/** POST /api/remediations: validate, store, enqueue, answer 202 without touching Microsoft 365. */
export const createRemediation = operatorHttpFunction("remediationCreate", {
  methods: ["POST"],
  route: "remediations",
  role: "Remediation.Request",
  handler: async (request, _context, operator) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const { record, created } = await acceptRemediation(
      body,
      { idempotencyKey: request.headers.get("idempotency-key") ?? undefined, requestedBy: operatorRef(operator), source: "api", checkTenant: (tenant) => requireTenantScope(operator, tenant) },
      services.remediation,
    );
    const statusUrl = statusUrlFor(record.id, request.url, services.settings.PUBLIC_BASE_URL);
    return {
      status: 202,
      headers: { Location: statusUrl },
      jsonBody: { id: record.id, status: record.status, statusUrl, created, request: remediationView(record) },
    };
  },
});
