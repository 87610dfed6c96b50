import type { HttpHandler } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { readJsonBody } from "../shared/http/read-json-body";
import { decideApproval, type ApprovalDecision } from "../shared/remediation/decide-approval";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** One handler for both answers to a request awaiting approval. */
function decisionHandler(decision: ApprovalDecision): HttpHandler {
  return withHttpErrors(async (request) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const record = await decideApproval(request.params.id ?? "", decision, body, services.remediation);
    return { status: 200, jsonBody: remediationView(record, statusUrlFor(record.id, request.url, services.settings.PUBLIC_BASE_URL)) };
  });
}

/** POST /api/remediations/{id}/approve `{"by", "comment"?}`: allow this request's tenant-wide change. */
export const approveRemediation = httpFunction("remediationApprove", {
  methods: ["POST"],
  route: "remediations/{id}/approve",
  authLevel: "function",
  handler: decisionHandler("approved"),
});

/** POST /api/remediations/{id}/reject `{"by", "comment"?}`: end the request without the change. */
export const rejectRemediation = httpFunction("remediationReject", {
  methods: ["POST"],
  route: "remediations/{id}/reject",
  authLevel: "function",
  handler: decisionHandler("rejected"),
});
