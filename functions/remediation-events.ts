import { getAppServices } from "../shared/app-services";
import { findRemediation } from "../shared/remediation/find-remediation";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/remediations/{id}/events: the request's trail, oldest first (what was changed, by whom, why). */
export const getRemediationEvents = operatorHttpFunction("remediationEvents", {
  methods: ["GET"],
  route: "remediations/{id}/events",
  role: "Remediation.Read",
  handler: async (request) => {
    const services = await getAppServices();
    const record = await findRemediation(services.requests, request.params.id ?? "");
    const events = await services.events.forRequest(record.tenantId, record.id);
    return { status: 200, jsonBody: { id: record.id, tenantId: record.tenantId, events } };
  },
});
