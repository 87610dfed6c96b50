import { getAppServices } from "../shared/app-services";
import { inTenantScope } from "../shared/auth";
import { AuditRunStore } from "../shared/audit/audit-run-store";
import { estateCsv } from "../shared/audit/estate-csv";
import { estateReadiness } from "../shared/audit/estate-readiness";
import { AppError } from "../shared/errors/app-error";
import { recentVerifications } from "../shared/remediation/recent-verifications";
import { operatorHttpFunction } from "./operator-route";

/**
 * GET /api/readiness: every tenant in the caller's scope (policy operatorGroups) with its senders,
 * findings, verification outcomes and the estate's nightly counts; `?format=csv` every sender as CSV.
 */
export const estateReadinessRoute = operatorHttpFunction("estateReadiness", {
  methods: ["GET"],
  route: "readiness",
  role: "Remediation.Read",
  handler: async (request, _context, operator) => {
    const format = request.query.get("format") ?? "json";
    if (format !== "json" && format !== "csv") throw new AppError("VALIDATION_FAILED", "format: json or csv.", { details: [{ field: "format", problem: "must be json or csv" }] });
    const services = await getAppServices();
    const runs = await AuditRunStore.open(services.settings.AzureWebJobsStorage);
    const visible = (t: { tenantId: string; policy?: { operatorGroups?: string[] } }) => inTenantScope(operator, { tenantId: t.tenantId, policy: { operatorGroups: t.policy?.operatorGroups ?? [] } });
    // The CSV lists senders only: it skips reading each tenant's requests for their verification outcomes.
    const verificationOutcomes = format === "json" ? recentVerifications(services.requests) : async () => [];
    const estate = await estateReadiness({ tenants: services.tenants, runs, verificationOutcomes }, new Date(), visible);
    if (format === "json") return { status: 200, jsonBody: estate };
    const day = estate.generatedAt.slice(0, 10);
    return {
      status: 200,
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="basic-auth-senders-${day}.csv"`, "cache-control": "no-store" },
      body: estateCsv(estate.senders),
    };
  },
});
