import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { renderReadinessHtml } from "../shared/audit/readiness-html";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** GET /api/tenants/{tenantId}/readiness: who breaks when basic-auth SMTP goes off, and each sender's path; `?format=html` the page. */
export const tenantReadiness = httpFunction("tenantReadiness", {
  methods: ["GET"],
  route: "tenants/{tenantId}/readiness",
  authLevel: "function",
  handler: withHttpErrors(async (request) => {
    const audit = await getAuditService(await getAppServices());
    const report = await audit.latestReadiness(request.params.tenantId ?? "");
    if (request.query.get("format") === "html") {
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
        body: renderReadinessHtml(report),
      };
    }
    return { status: 200, jsonBody: report };
  }),
});
