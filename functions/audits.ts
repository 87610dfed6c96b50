import { reportLocale } from "../shared/audit/report-phrases";
import { getAppServices } from "../shared/app-services";
import { renderAuditReportHtml } from "../shared/audit/audit-report-html";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { htmlPageResponse } from "./http-result";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/audits/{tenantId}/latest: the latest audit run and its findings; `?format=html` the report. */
export const latestAudit = operatorHttpFunction("auditsLatest", {
  methods: ["GET"],
  route: "audits/{tenantId}/latest",
  role: "Remediation.Read",
  handler: async (request) => {
    const audit = await getAuditService(await getAppServices());
    const report = await audit.latestReport(request.params.tenantId ?? "");
    if (request.query.get("format") === "html") return htmlPageResponse(renderAuditReportHtml(report, { locale: reportLocale(request.query.get("locale")) }));
    return { status: 200, jsonBody: report };
  },
});
