import { getAppServices } from "../shared/app-services";
import { operatorRef } from "../shared/auth/operator";
import { revokeWebhookSecret } from "../shared/tickets/rotate-webhook-secret";
import { operatorHttpFunction } from "./operator-route";

/**
 * DELETE /api/tenants/{tenantId}/webhook-secrets/{system}: revokes the tenant's secrets for a system
 * (after a leak, or when the ticket system is retired); 204, and its endpoint answers 401 from now on.
 */
export const tenantWebhookSecretRevoke = operatorHttpFunction("tenantWebhookSecretRevoke", {
  methods: ["DELETE"],
  route: "tenants/{tenantId}/webhook-secrets/{system}",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const revoked = await revokeWebhookSecret(request.params.tenantId ?? "", request.params.system ?? "", { tenants: services.tenants, secrets: services.webhookSecrets, now: new Date(), by: operatorRef(operator), events: services.tenantEvents });
    context.log(`webhook secrets for ${revoked.tenantId}/${revoked.system} revoked by ${operator.upn}`);
    return { status: 204 };
  },
});
