import { getAppServices } from "../shared/app-services";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "../shared/http/read-json-body";
import { decideApproval, type ApprovalDecision } from "../shared/remediation/decide-approval";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { operatorHttpFunction, type OperatorHandler } from "./operator-route";

/** One handler for both answers; the decider is the signed-in operator, the body only `{"comment"?}`. */
function decisionHandler(decision: ApprovalDecision): OperatorHandler {
  return async (request, _context, operator) => {
    const services = await getAppServices();
    const body = await readJsonBody(request, DEFAULT_MAX_BODY_BYTES, { emptyAs: {} });
    const record = await decideApproval(request.params.id ?? "", decision, body, operator, services.remediation);
    return { status: 200, jsonBody: remediationView(record, statusUrlFor(record.id, request.url, services.settings.PUBLIC_BASE_URL)) };
  };
}

/** POST /api/remediations/{id}/approve `{"comment"?}`: a second person allows the plan they saw. */
export const approveRemediation = operatorHttpFunction("remediationApprove", {
  methods: ["POST"],
  route: "remediations/{id}/approve",
  role: "Remediation.Approve",
  handler: decisionHandler("approved"),
});

/** POST /api/remediations/{id}/reject `{"comment"?}`: end the request without the change. */
export const rejectRemediation = operatorHttpFunction("remediationReject", {
  methods: ["POST"],
  route: "remediations/{id}/reject",
  role: "Remediation.Approve",
  handler: decisionHandler("rejected"),
});
