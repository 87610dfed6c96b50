import { getAppServices } from "../shared/app-services";
import { operatorRef } from "../shared/auth/operator";
import { readJsonBody } from "../shared/http/read-json-body";
import { putTicketConnection } from "../shared/tickets/ticket-connections";
import { operatorHttpFunction } from "./operator-route";

/**
 * PUT /api/tenants/{tenantId}/ticket-connections/{system}: the tenant's own connection to its ticket
 * system (base URL, credentials, options); notes for tickets from the tenant's endpoint go only there.
 * 201 new, 200 replaced; the answer names the credential fields held, never their values.
 */
export const tenantTicketConnectionPut = operatorHttpFunction("tenantTicketConnectionPut", {
  methods: ["PUT"],
  route: "tenants/{tenantId}/ticket-connections/{system}",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const body = await readJsonBody(request);
    const { view, created } = await putTicketConnection(request.params.tenantId ?? "", request.params.system ?? "", body, {
      tenants: services.tenants,
      connections: services.ticketConnections,
      events: services.tenantEvents,
      by: operatorRef(operator),
      now: new Date(),
    });
    context.log(`ticket connection ${view.system} for a tenant ${created ? "set" : "replaced"} by ${operator.upn}`);
    return { status: created ? 201 : 200, headers: { "cache-control": "no-store" }, jsonBody: view };
  },
});
