import { getAppServices } from "../shared/app-services";
import { operatorRef } from "../shared/auth";
import { takeCredentials } from "../shared/remediation/take-credentials";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/remediations/{id}/credentials: a migration's generated credentials, 200 once, 404 after. */
export const getRemediationCredentials = operatorHttpFunction("remediationCredentials", {
  methods: ["GET"],
  route: "remediations/{id}/credentials",
  role: "Remediation.Request",
  handler: async (request, _context, operator) => {
    const services = await getAppServices();
    const credential = await takeCredentials(request.params.id ?? "", operatorRef(operator), services.remediation);
    return { status: 200, headers: { "Cache-Control": "no-store" }, jsonBody: credential };
  },
});
