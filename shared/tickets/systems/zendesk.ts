import { createHmac } from "node:crypto";
import { parseZendesk } from "../parse-zendesk";
import { renderNote } from "../render-note";
import { constantTimeEquals, isFresh } from "../signing";
import { fieldsSchema, headerAuthAppSettings, readAppConnection } from "./connection-fields";
import { authorizationHeader, jsonCall } from "./json-call";
import type { SignatureInput } from "../signing";
import type { TicketSystemModule } from "./ticket-system-module";

/** Signs a body as Zendesk does: base64(HMAC-SHA256(secret, timestamp + raw body)). */
export function signZendesk(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(timestamp + rawBody, "utf8").digest("base64");
}

/** Zendesk: `X-Zendesk-Webhook-Signature` over timestamp + body, timestamp within the replay window. */
function verify(input: SignatureInput): boolean {
  const signature = input.headers["x-zendesk-webhook-signature"];
  const timestamp = input.headers["x-zendesk-webhook-signature-timestamp"];
  if (!input.secret || !signature || !timestamp || !isFresh(timestamp, input.now)) return false;
  return constantTimeEquals(signature.trim(), signZendesk(input.secret, timestamp, input.rawBody));
}

/** Zendesk: trigger/automation webhooks and event subscriptions; notes as private comments (reference/ticketing.md). */
export const zendesk: TicketSystemModule = {
  system: "zendesk",
  authentication: "signature",
  verify,
  parse: (body) => parseZendesk(body),
  writeBack: async (note, connection) =>
    jsonCall("PUT", `${connection.baseUrl}/api/v2/tickets/${encodeURIComponent(note.ticketId)}.json`, { ticket: { comment: { body: renderNote(note), public: false } } }, authorizationHeader(connection.credentials)),
  settings: {
    credentials: fieldsSchema(["authorization"]),
    options: fieldsSchema([], ["ticketUrlBase"]),
    fromAppSettings: (settings) => readAppConnection(settings, headerAuthAppSettings("zendesk")),
  },
};
