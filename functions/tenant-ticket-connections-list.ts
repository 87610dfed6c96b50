import { getAppServices } from "../shared/app-services";
import { listTicketConnections } from "../shared/tickets/ticket-connections";
import { operatorHttpFunction } from "./operator-route";

/** GET /api/tenants/{tenantId}/ticket-connections: each connection's system, base URL, options and credential field names. */
export const tenantTicketConnectionsList = operatorHttpFunction("tenantTicketConnectionsList", {
  methods: ["GET"],
  route: "tenants/{tenantId}/ticket-connections",
  role: "Tenant.Manage",
  handler: async (request) => {
    const services = await getAppServices();
    const listed = await listTicketConnections(request.params.tenantId ?? "", { tenants: services.tenants, connections: services.ticketConnections });
    return { status: 200, headers: { "cache-control": "no-store" }, jsonBody: listed };
  },
});
