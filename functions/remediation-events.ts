import { getAppServices } from "../shared/app-services";
import { findRemediation } from "../shared/remediation/find-remediation";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** GET /api/remediations/{id}/events: the request's trail, oldest first (what was changed, by whom, why). */
export const getRemediationEvents = httpFunction("remediationEvents", {
  methods: ["GET"],
  route: "remediations/{id}/events",
  authLevel: "function",
  handler: withHttpErrors(async (request) => {
    const services = await getAppServices();
    const record = await findRemediation(services.requests, request.params.id ?? "");
    const events = await services.events.forRequest(record.tenantId, record.id);
    return { status: 200, jsonBody: { id: record.id, tenantId: record.tenantId, events } };
  }),
});
