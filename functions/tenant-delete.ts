import { getAppServices } from "../shared/app-services";
import { operatorRef } from "../shared/auth/operator";
import { offboardTenant } from "../shared/remediation/offboard-tenant";
import { operatorHttpFunction } from "./operator-route";

/** DELETE /api/tenants/{tenantId}: offboards a tenant (204); what it did, and who offboarded it, stays on the record. */
export const deleteTenant = operatorHttpFunction("tenantDelete", {
  methods: ["DELETE"],
  route: "tenants/{tenantId}",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const deps = { ...services.remediation, tenants: services.tenants, secrets: services.webhookSecrets, tenantEvents: services.tenantEvents, connections: services.ticketConnections };
    const { tenantId, verificationsClosed } = await offboardTenant(request.params.tenantId ?? "", operatorRef(operator), deps);
    context.log(`tenant ${tenantId} offboarded by ${operator.upn}; ${verificationsClosed} waiting verification(s) closed`);
    return { status: 204 };
  },
});
