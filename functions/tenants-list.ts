import { getAppServices } from "../shared/app-services";
import { inTenantScope } from "../shared/auth";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants: every onboarded tenant the operator is scoped to, with its policy. */
export const listTenants = operatorHttpFunction("tenantsList", {
  methods: ["GET"],
  route: "tenants",
  role: "Remediation.Read",
  handler: async (_request, _context, operator) => {
    const services = await getAppServices();
    const tenants = (await services.tenants.list()).filter((tenant) => inTenantScope(operator, tenant));
    return { status: 200, jsonBody: { tenants } };
  },
});
