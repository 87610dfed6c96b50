import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { isAppError } from "../shared/errors/app-error";
import { readCappedText } from "../shared/http/read-capped-body";
import { acceptWebhook, MAX_WEBHOOK_BODY_BYTES, webhookDepsFor, webhookError } from "../shared/tickets";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/**
 * POST /api/webhooks/{system} and /api/webhooks/{system}/{tenantKey}: a ticketing system's webhook;
 * answers fast, the work runs behind the queue. The body is read with the cap while it streams in.
 */
export async function webhooks(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const system = request.params["system"] ?? "";
  const tenantKey = request.params["tenantKey"];
  let rawBody: string;
  try {
    rawBody = await readCappedText(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const refused = webhookError("BODY_TOO_LARGE", `The limit is ${MAX_WEBHOOK_BODY_BYTES} bytes.`);
    return { status: refused.status, jsonBody: refused.body };
  }
  const services = await getAppServices();
  const result = await acceptWebhook(
    { system, rawBody, headers: Object.fromEntries(request.headers), ...(tenantKey !== undefined ? { tenantKey } : {}) },
    webhookDepsFor(services, request.url),
  );
  // The tenant key is a credential-like address: the log names the route shape, never the key.
  context.log(`webhook ${system}${tenantKey !== undefined ? " (tenant endpoint)" : ""}: ${result.status}`);
  return { status: result.status, jsonBody: result.body, ...(result.headers ? { headers: result.headers } : {}) };
}

// Anonymous: ticketing systems cannot all send function keys; every delivery is verified by its signature instead.
export const webhooksFunction = httpFunction("webhooks", {
  route: "webhooks/{system}",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: withHttpErrors(webhooks),
});

/** One endpoint per tenant, with the tenant's own secrets: a delivery there can only act in that tenant. */
export const tenantWebhooksFunction = httpFunction("tenantWebhooks", {
  route: "webhooks/{system}/{tenantKey}",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: withHttpErrors(webhooks),
});
