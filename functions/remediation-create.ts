import { getAppServices } from "../shared/app-services";
import { readJsonBody } from "../shared/http/read-json-body";
import { acceptRemediation } from "../shared/remediation/accept-remediation";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** POST /api/remediations: validate, store, enqueue, answer 202 without touching Microsoft 365. */
export const createRemediation = httpFunction("remediationCreate", {
  methods: ["POST"],
  route: "remediations",
  authLevel: "function",
  handler: withHttpErrors(async (request) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const { record, created } = await acceptRemediation(
      body,
      { idempotencyKey: request.headers.get("idempotency-key") ?? undefined, source: "api" },
      services.remediation,
    );
    const statusUrl = statusUrlFor(record.id, request.url, services.settings.PUBLIC_BASE_URL);
    return {
      status: 202,
      headers: { Location: statusUrl },
      jsonBody: { id: record.id, status: record.status, statusUrl, created, request: remediationView(record) },
    };
  }),
});
