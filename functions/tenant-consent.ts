import { getAppServices } from "../shared/app-services";
import { grantedRolesReader } from "../shared/m365/read-granted-roles";
import { readConsent } from "../shared/onboarding/read-consent";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants/{tenantId}/consent: what the tenant's consent allows, feature by feature, read from the tenant now. */
export const tenantConsent = operatorHttpFunction("tenantConsent", {
  methods: ["GET"],
  route: "tenants/{tenantId}/consent",
  role: "Tenant.Manage",
  handler: async (request) => {
    const { settings } = await getAppServices();
    const check = await readConsent(request.params.tenantId ?? "", grantedRolesReader(settings), new Date());
    return { status: 200, headers: { "cache-control": "no-store" }, jsonBody: check };
  },
});
