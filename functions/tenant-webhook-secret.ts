import { getAppServices } from "../shared/app-services";
import { operatorRef } from "../shared/auth/operator";
import { readJsonBody } from "../shared/http/read-json-body";
import { rotateWebhookSecret } from "../shared/tickets/rotate-webhook-secret";
import { operatorHttpFunction } from "./operator-route";

/**
 * POST /api/tenants/{tenantId}/webhook-secrets/{system}: issues the tenant's endpoint and secret for a
 * system (201), or rotates it (200) keeping the previous secret valid for `overlapHours`. The secret
 * is in this answer only; it is not stored in any log and never read out again.
 */
export const tenantWebhookSecret = operatorHttpFunction("tenantWebhookSecret", {
  methods: ["POST"],
  route: "tenants/{tenantId}/webhook-secrets/{system}",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const body = await readJsonBody(request, undefined, { emptyAs: {} });
    const baseUrl = services.settings.PUBLIC_BASE_URL ?? new URL(request.url).origin;
    const { rotated, created } = await rotateWebhookSecret(request.params.tenantId ?? "", request.params.system ?? "", body, {
      tenants: services.tenants,
      secrets: services.webhookSecrets,
      baseUrl,
      now: new Date(),
      by: operatorRef(operator),
      events: services.tenantEvents,
    });
    context.log(`webhook secret for ${rotated.tenantId}/${rotated.system} ${created ? "issued" : "rotated"} by ${operator.upn}`);
    return {
      status: created ? 201 : 200,
      headers: { "cache-control": "no-store" },
      jsonBody: rotated,
    };
  },
});
