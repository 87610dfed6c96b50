import { z } from "zod";
import { notConfiguredReason } from "../comment-request";
import { haloClient } from "../halo-token";
import { parseHaloPsa } from "../parse-halopsa";
import { renderNote } from "../render-note";
import { verifyBearer } from "../signing";
import { fieldsSchema, readAppConnection } from "./connection-fields";
import { authorizationHeader, jsonCall } from "./json-call";
import type { TicketSystemModule } from "./ticket-system-module";

const APP_SETTINGS = {
  baseUrl: "TICKET_HALOPSA_BASE_URL",
  credentials: { authorization: "TICKET_HALOPSA_AUTH", clientId: "TICKET_HALOPSA_CLIENT_ID", clientSecret: "TICKET_HALOPSA_CLIENT_SECRET" },
  required: [],
  options: { tenant: "TICKET_HALOPSA_TENANT", scope: "TICKET_HALOPSA_SCOPE", authUrl: "TICKET_HALOPSA_AUTH_URL", outcomeId: "TICKET_HALOPSA_OUTCOME_ID" },
};

/** Either a fixed Authorization header or an API application (client id and secret), not neither. */
const credentials = fieldsSchema([], ["authorization", "clientId", "clientSecret"]).pipe(
  z.custom<Record<string, string>>((value) => {
    const c = value as Record<string, string>;
    return !!c["authorization"] || (!!c["clientId"] && !!c["clientSecret"]);
  }, "either authorization, or clientId and clientSecret"),
);

/**
 * HaloPSA: outbound webhooks with a bearer secret, batched as arrays (v2.164+); notes as hidden actions.
 * Write-back signs in as an API application (client_credentials) whose tokens expire and can be
 * revoked early, hence one retry with a new token after a 401.
 */
export const halopsa: TicketSystemModule = {
  system: "halopsa",
  authentication: "bearer",
  verify: (input) => !!input.secret && verifyBearer(input.headers, input.secret),
  parse: (body) => parseHaloPsa(body),
  batches: true,
  renewsOnUnauthorized: true,
  writeBack: async (note, connection, context) => {
    const client = haloClient(connection);
    let auth = authorizationHeader(connection.credentials);
    if (client) {
      const token = await context.haloTokens.token(client, context.fetchImpl, context.now, context.fresh);
      if (!token.ok) return { kind: "failed", reason: token.reason, retry: token.retry };
      auth = { authorization: `Bearer ${token.accessToken}` };
    }
    if (!auth.authorization) return { kind: "not-configured", reason: notConfiguredReason("halopsa") };
    return jsonCall(
      "POST",
      `${connection.baseUrl}/api/actions`,
      [{ ticket_id: Number(note.ticketId), outcome_id: Number(connection.options["outcomeId"] ?? "7"), hiddenfromuser: true, note_html: renderNote(note, "html") }],
      auth,
    );
  },
  settings: {
    credentials,
    options: fieldsSchema([], ["tenant", "scope", "authUrl", "outcomeId", "ticketUrlBase"]),
    fromAppSettings: (settings) => {
      const connection = readAppConnection(settings, APP_SETTINGS);
      const c = connection?.credentials ?? {};
      return c["authorization"] || (c["clientId"] && c["clientSecret"]) ? connection : undefined;
    },
  },
};
