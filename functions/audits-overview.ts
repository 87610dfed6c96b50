import { getAppServices } from "../shared/app-services";
import { inTenantScope } from "../shared/auth";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { AppError } from "../shared/errors/app-error";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/audits?latest=true: every onboarded tenant's latest audit, with totals across them. */
export const auditsOverview = operatorHttpFunction("auditsOverview", {
  methods: ["GET"],
  route: "audits",
  role: "Remediation.Read",
  handler: async (request, _context, operator) => {
    // Only the latest audits are kept at hand; a history across tenants would be a different query.
    if (request.query.get("latest") !== "true") throw new AppError("VALIDATION_FAILED", "latest: only latest=true is supported.", { details: [{ field: "latest", problem: "must be true" }] });
    const audit = await getAuditService(await getAppServices());
    const visible = (t: { tenantId: string; policy?: { operatorGroups?: string[] } }) => inTenantScope(operator, { tenantId: t.tenantId, policy: { operatorGroups: t.policy?.operatorGroups ?? [] } });
    return { status: 200, jsonBody: await audit.overview(visible) };
  },
});
