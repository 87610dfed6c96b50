import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { acceptWebhook, MAX_WEBHOOK_BODY_BYTES, webhookDepsFor } from "../shared/tickets";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** POST /api/webhooks/{system}: a ticketing system's webhook; answers fast, the work runs behind the queue. */
export async function webhooks(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const system = request.params["system"] ?? "";
  // An oversized declared body is refused (413) by acceptWebhook without being read.
  const tooLarge = Number(request.headers.get("content-length") ?? "0") > MAX_WEBHOOK_BODY_BYTES;
  const rawBody = tooLarge ? "" : await request.text();
  const services = await getAppServices();
  const result = await acceptWebhook(
    { system, rawBody, headers: Object.fromEntries(request.headers) },
    webhookDepsFor(services, request.url),
  );
  context.log(`webhook ${system}: ${result.status}`);
  return { status: result.status, jsonBody: result.body };
}

export const webhooksFunction = httpFunction("webhooks", {
  route: "webhooks/{system}",
  methods: ["POST"],
  authLevel: "anonymous",
  // Anonymous: ticketing systems cannot all send function keys; every delivery is verified by its signature instead.
  handler: withHttpErrors(webhooks),
});
