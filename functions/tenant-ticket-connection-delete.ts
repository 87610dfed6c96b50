import { getAppServices } from "../shared/app-services";
import { operatorRef } from "../shared/auth/operator";
import { deleteTicketConnection } from "../shared/tickets/ticket-connections";
import { operatorHttpFunction } from "./operator-route";

/** DELETE /api/tenants/{tenantId}/ticket-connections/{system}: 204; that system's tickets get no notes from now on. */
export const tenantTicketConnectionDelete = operatorHttpFunction("tenantTicketConnectionDelete", {
  methods: ["DELETE"],
  route: "tenants/{tenantId}/ticket-connections/{system}",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const deps = { tenants: services.tenants, connections: services.ticketConnections, events: services.tenantEvents, by: operatorRef(operator), now: new Date() };
    await deleteTicketConnection(request.params.tenantId ?? "", request.params.system ?? "", deps);
    context.log(`ticket connection ${request.params.system} of a tenant removed by ${operator.upn}`);
    return { status: 204 };
  },
});
