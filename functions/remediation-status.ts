import { getAppServices } from "../shared/app-services";
import { findRemediation } from "../shared/remediation/find-remediation";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/remediations/{id}: status, diagnosis and each step. */
export const getRemediation = operatorHttpFunction("remediationStatus", {
  methods: ["GET"],
  route: "remediations/{id}",
  role: "Remediation.Read",
  handler: async (request) => {
    const services = await getAppServices();
    const record = await findRemediation(services.requests, request.params.id ?? "");
    return { status: 200, jsonBody: remediationView(record, statusUrlFor(record.id, request.url, services.settings.PUBLIC_BASE_URL)) };
  },
});
