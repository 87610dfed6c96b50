import { getAppServices } from "../shared/app-services";
import { AppError } from "../shared/errors/app-error";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** GET /api/remediations/{id}/events: the request's trail, oldest first (what was changed, by whom, why). */
export const getRemediationEvents = httpFunction("remediationEvents", {
  methods: ["GET"],
  route: "remediations/{id}/events",
  authLevel: "function",
  handler: withHttpErrors(async (request) => {
    const services = await getAppServices();
    const id = request.params.id ?? "";
    const found = /^[\w-]{1,100}$/.test(id) ? await services.requests.get(id) : null;
    if (!found) throw new AppError("REMEDIATION_NOT_FOUND", `No remediation has the id ${id.slice(0, 100)}.`);
    const events = await services.events.forRequest(found.record.tenantId, id);
    return { status: 200, jsonBody: { id, tenantId: found.record.tenantId, events } };
  }),
});
