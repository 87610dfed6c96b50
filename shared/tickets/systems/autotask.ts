import { createHmac } from "node:crypto";
import { parseAutotask } from "../parse-autotask";
import { renderNote } from "../render-note";
import { constantTimeEquals } from "../signing";
import { autotaskZone } from "./autotask-zone";
import { fieldsSchema, readAppConnection } from "./connection-fields";
import { jsonCall } from "./json-call";
import type { TicketSystemModule } from "./ticket-system-module";

/** The default zone-discovery host; a connection may name another (a sandbox, a fake in tests). */
export const AUTOTASK_DEFAULT_BASE_URL = "https://webservices.autotask.net";

/**
 * Signs a callout body as Autotask does: `X-Hook-Signature: sha1=<base64(HMAC-SHA1(SecretKey, body))>`
 * (DeveloperHelp, "Secret key and payload verification").
 */
export function signAutotask(secretKey: string, rawBody: string): string {
  return `sha1=${createHmac("sha1", secretKey).update(rawBody, "utf8").digest("base64")}`;
}

/**
 * Autotask PSA: ticket webhooks (`TicketWebhooks` with a SecretKey, which is this endpoint's secret);
 * notes via `POST /V1.0/Tickets/{id}/Notes` in the API user's zone, with its UserName, Secret and
 * ApiIntegrationCode headers.
 */
export const autotask: TicketSystemModule = {
  system: "autotask",
  authentication: "signature",
  verify: (input) => {
    const signature = input.headers["x-hook-signature"]?.trim();
    return !!input.secret && !!signature && constantTimeEquals(signature, signAutotask(input.secret, input.rawBody));
  },
  parse: (body, context) => parseAutotask(body, context.integrationUser),
  writeBack: async (note, connection, context) => {
    if (!/^\d{1,12}$/.test(note.ticketId)) return { kind: "failed", reason: "autotask ticket ids are numbers", retry: false };
    const zone = await autotaskZone(connection, context.fetchImpl, context.now());
    if (!zone.ok) return { kind: "failed", reason: zone.reason, retry: zone.retry };
    const { userName, secret, integrationCode } = connection.credentials;
    const text = renderNote(note);
    return jsonCall(
      "POST",
      `${zone.url}V1.0/Tickets/${note.ticketId}/Notes`,
      {
        ticketID: Number(note.ticketId),
        title: text.split("\n")[0]!.slice(0, 250),
        description: text.slice(0, 32_000),
        noteType: Number(connection.options["noteType"] ?? "1"),
        publish: Number(connection.options["publish"] ?? "1"),
      },
      { UserName: userName ?? "", Secret: secret ?? "", ApiIntegrationCode: integrationCode ?? "" },
    );
  },
  settings: {
    credentials: fieldsSchema(["userName", "secret", "integrationCode"]),
    options: fieldsSchema([], ["apiResourceId", "noteType", "publish", "ticketUrlBase"]),
    fromAppSettings: (settings) =>
      readAppConnection(
        { TICKET_AUTOTASK_BASE_URL: AUTOTASK_DEFAULT_BASE_URL, ...settings },
        {
          baseUrl: "TICKET_AUTOTASK_BASE_URL",
          credentials: { userName: "TICKET_AUTOTASK_USERNAME", secret: "TICKET_AUTOTASK_SECRET", integrationCode: "TICKET_AUTOTASK_INTEGRATION_CODE" },
          required: ["userName", "secret", "integrationCode"],
          options: { apiResourceId: "TICKET_AUTOTASK_API_RESOURCE_ID", noteType: "TICKET_AUTOTASK_NOTE_TYPE", publish: "TICKET_AUTOTASK_PUBLISH" },
        },
      ),
    // Callouts name the resource who made the change (`PersonID`); the API user's resource writes our notes.
    integrationUser: (connection) => connection.options["apiResourceId"],
  },
};
