import { getAppServices } from "../shared/app-services";
import { operatorRef, requireTenantScope } from "../shared/auth";
import { requestUndo } from "../shared/remediation/request-undo";
import { remediationView, statusUrlFor } from "../shared/remediation/remediation-view";
import { operatorHttpFunction } from "./operator-route";

/** POST /api/remediations/{id}/undo: a new request restoring every before-value of that one, linked both ways. */
export const undoRemediation = operatorHttpFunction("remediationUndo", {
  methods: ["POST"],
  route: "remediations/{id}/undo",
  role: "Remediation.Request",
  handler: async (request, _context, operator) => {
    const services = await getAppServices();
    const record = await requestUndo(request.params.id ?? "", operatorRef(operator), services.remediation, (tenant) => requireTenantScope(operator, tenant));
    const statusUrl = statusUrlFor(record.id, request.url, services.settings.PUBLIC_BASE_URL);
    return { status: 202, headers: { Location: statusUrl }, jsonBody: { id: record.id, status: record.status, statusUrl, undoOf: record.undoOf, request: remediationView(record) } };
  },
});
