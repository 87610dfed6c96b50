import { getAppServices } from "../shared/app-services";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants: every onboarded tenant with its policy. */
export const listTenants = operatorHttpFunction("tenantsList", {
  methods: ["GET"],
  route: "tenants",
  role: "Remediation.Read",
  handler: async () => {
    const services = await getAppServices();
    return { status: 200, jsonBody: { tenants: await services.tenants.list() } };
  },
});
