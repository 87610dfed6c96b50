import { getAppServices } from "../shared/app-services";
import { requireTenantScope } from "../shared/auth";
import { readJsonBody } from "../shared/http/read-json-body";
import { diagnoseOnDemand } from "../shared/remediation/diagnose-on-demand";
import { operatorHttpFunction } from "./operator-route";

/** POST /api/diagnose: ranked causes for an error text; with a mailbox, its live state and the plan too. */
export const diagnoseFunction = operatorHttpFunction("diagnose", {
  methods: ["POST"],
  route: "diagnose",
  role: "Remediation.Read",
  handler: async (request, _context, operator) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const result = await diagnoseOnDemand(body, { tenants: services.tenants, gateways: services.gateways, now: () => new Date(), basicAuthDefault: services.settings.SMTP_BASIC_AUTH_DEFAULT, checkTenant: (tenant) => requireTenantScope(operator, tenant) });
    return { status: 200, jsonBody: result };
  },
});
