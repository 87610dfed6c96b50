import { createHmac } from "node:crypto";
import { parseGeneric } from "../parse-generic";
import { renderNote } from "../render-note";
import { constantTimeEquals, isFresh, verifyBearer } from "../signing";
import { fieldsSchema, readAppConnection } from "./connection-fields";
import { authorizationHeader, jsonCall } from "./json-call";
import type { SignatureInput } from "../signing";
import type { TicketSystemModule } from "./ticket-system-module";

/** Signs a generic delivery: the hex digest that goes after `sha256=` in X-Webhook-Signature. */
export function signGenericHex(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
}

/** `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`, fresh `X-Webhook-Timestamp`. */
function verifyTimestamped(input: SignatureInput, secret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(input.headers["x-webhook-signature"]?.trim() ?? "");
  const timestamp = input.headers["x-webhook-timestamp"]?.trim();
  if (!match?.[1] || !timestamp || !isFresh(timestamp, input.now)) return false;
  return constantTimeEquals(match[1].toLowerCase(), signGenericHex(secret, timestamp, input.rawBody));
}

/** Any system that can POST JSON: signed (or a bearer secret); notes go to the callback URL as JSON. */
export const generic: TicketSystemModule = {
  system: "generic",
  authentication: "signature-or-bearer",
  verify: (input) => !!input.secret && (verifyTimestamped(input, input.secret) || (!input.hmacOnly && verifyBearer(input.headers, input.secret))),
  parse: (body, context) => parseGeneric(body, context.headers["idempotency-key"]),
  // The base URL is the callback itself; its authorization is optional.
  writeBack: async (note, connection) => {
    const { connectionTenantId: _tenant, ...shown } = note;
    return jsonCall("POST", connection.baseUrl, { ...shown, text: renderNote(note) }, authorizationHeader(connection.credentials));
  },
  settings: {
    credentials: fieldsSchema([], ["authorization"]),
    options: fieldsSchema([], ["ticketUrlBase"]),
    fromAppSettings: (settings) => readAppConnection(settings, { baseUrl: "TICKET_GENERIC_CALLBACK_URL", credentials: { authorization: "TICKET_GENERIC_AUTH" }, required: [] }),
  },
};
