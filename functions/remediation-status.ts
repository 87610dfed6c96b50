import { getAppServices } from "../shared/app-services";
import { AppError } from "../shared/errors/app-error";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** GET /api/remediations/{id}: status, diagnosis and each step. */
export const getRemediation = httpFunction("remediationStatus", {
  methods: ["GET"],
  route: "remediations/{id}",
  authLevel: "function",
  handler: withHttpErrors(async (request) => {
    const services = await getAppServices();
    const id = request.params.id ?? "";
    const found = /^[\w-]{1,100}$/.test(id) ? await services.requests.get(id) : null;
    if (!found) throw new AppError("REMEDIATION_NOT_FOUND", `No remediation has the id ${id.slice(0, 100)}.`);
    return { status: 200, jsonBody: remediationView(found.record, statusUrlFor(id, request.url, services.settings.PUBLIC_BASE_URL)) };
  }),
});
