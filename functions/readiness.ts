import { reportLocale } from "../shared/audit/report-phrases";
import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { renderReadinessHtml } from "../shared/audit/readiness-html";
import { htmlPageResponse } from "./http-result";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants/{tenantId}/readiness: who breaks when basic-auth SMTP goes off, and each sender's path; `?format=html` the page. */
export const tenantReadiness = operatorHttpFunction("tenantReadiness", {
  methods: ["GET"],
  route: "tenants/{tenantId}/readiness",
  role: "Remediation.Read",
  handler: async (request) => {
    const audit = await getAuditService(await getAppServices());
    const report = await audit.latestReadiness(request.params.tenantId ?? "");
    if (request.query.get("format") === "html") return htmlPageResponse(renderReadinessHtml(report, reportLocale(request.query.get("locale"))));
    return { status: 200, jsonBody: report };
  },
});
