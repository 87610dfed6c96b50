import { createHash, createHmac } from "node:crypto";
import { parseConnectWise } from "../parse-connectwise";
import { renderNote } from "../render-note";
import { constantTimeEquals } from "../signing";
import { connectwiseSigningKey } from "./connectwise-signing-key";
import { fieldsSchema, readAppConnection } from "./connection-fields";
import { jsonCall } from "./json-call";
import type { TicketSystemModule } from "./ticket-system-module";

/**
 * Signs a callback body as ConnectWise PSA does: `x-content-signature` is base64(HMAC-SHA256 over the
 * raw body), keyed with the SHA-256 digest of the signing key (reference/ticketing.md; the same
 * scheme in public integration code, e.g. NangoHQ/nango's ConnectWise PSA webhook handler).
 */
export function signConnectWise(signingKey: string, rawBody: string): string {
  const key = createHash("sha256").update(signingKey, "utf8").digest();
  return createHmac("sha256", key).update(rawBody, "utf8").digest("base64");
}

/**
 * ConnectWise PSA (Manage): callbacks signed with a key fetched from the configured ConnectWise site;
 * notes through the REST API as the API member (Basic `companyId+publicKey:privateKey`, `clientId`).
 */
export const connectwise: TicketSystemModule = {
  system: "connectwise",
  authentication: "signature",
  verify: (input) => {
    const signature = input.headers["x-content-signature"]?.trim();
    return !!input.secret && !!signature && constantTimeEquals(signature, signConnectWise(input.secret, input.rawBody));
  },
  signingKey: connectwiseSigningKey,
  parse: (body, context) => parseConnectWise(body, context.integrationUser),
  writeBack: async (note, connection) => {
    if (!/^\d{1,12}$/.test(note.ticketId)) return { kind: "failed", reason: "connectwise ticket ids are numbers", retry: false };
    const { companyId, publicKey, privateKey, clientId } = connection.credentials;
    const basic = Buffer.from(`${companyId}+${publicKey}:${privateKey}`, "utf8").toString("base64");
    return jsonCall(
      "POST",
      `${connection.baseUrl}/v4_6_release/apis/3.0/service/tickets/${note.ticketId}/notes`,
      // Internal analysis: seen by the MSP's staff, not on the customer's copy of the ticket.
      { text: renderNote(note), detailDescriptionFlag: false, internalAnalysisFlag: true, resolutionFlag: false },
      { authorization: `Basic ${basic}`, clientId: clientId ?? "" },
    );
  },
  settings: {
    credentials: fieldsSchema(["companyId", "publicKey", "privateKey", "clientId"]),
    options: fieldsSchema([], ["apiMemberId", "ticketUrlBase"]),
    fromAppSettings: (settings) =>
      readAppConnection(settings, {
        baseUrl: "TICKET_CONNECTWISE_BASE_URL",
        credentials: { companyId: "TICKET_CONNECTWISE_COMPANY_ID", publicKey: "TICKET_CONNECTWISE_PUBLIC_KEY", privateKey: "TICKET_CONNECTWISE_PRIVATE_KEY", clientId: "TICKET_CONNECTWISE_CLIENT_ID" },
        required: ["companyId", "publicKey", "privateKey", "clientId"],
        options: { apiMemberId: "TICKET_CONNECTWISE_API_MEMBER_ID" },
      }),
    // Callbacks name the member who made the change (`MemberId`); the API member's are our own notes.
    integrationUser: (connection) => connection.options["apiMemberId"],
  },
};
