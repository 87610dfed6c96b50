import { createHmac } from "node:crypto";
import { parseJira } from "../parse-jira";
import { renderNote, renderNoteAdf } from "../render-note";
import { constantTimeEquals, verifyBearer } from "../signing";
import { fieldsSchema, headerAuthAppSettings, readAppConnection } from "./connection-fields";
import { authorizationHeader, jsonCall } from "./json-call";
import type { SignatureInput } from "../signing";
import type { TicketSystemModule } from "./ticket-system-module";

/** Signs a body as a Jira admin webhook does (`sha256=<hex>`). */
export function signJira(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** Jira admin webhooks: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
function verifyHubSignature(input: SignatureInput, secret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(input.headers["x-hub-signature"]?.trim() ?? "");
  if (!match?.[1]) return false;
  return constantTimeEquals(`sha256=${match[1].toLowerCase()}`, signJira(secret, input.rawBody));
}

/** Jira Cloud / JSM: admin webhooks sign the body; Automation "send web request" cannot, so it sends the bearer secret. */
export const jira: TicketSystemModule = {
  system: "jira",
  authentication: "signature-or-bearer",
  verify: (input) => !!input.secret && (verifyHubSignature(input, input.secret) || (!input.hmacOnly && verifyBearer(input.headers, input.secret))),
  parse: (body, context) => parseJira(body, context.headers["x-atlassian-webhook-identifier"]),
  writeBack: async (note, connection) => {
    const id = encodeURIComponent(note.ticketId);
    const auth = authorizationHeader(connection.credentials);
    if (connection.options["serviceDesk"] === "true") {
      return jsonCall("POST", `${connection.baseUrl}/rest/servicedeskapi/request/${id}/comment`, { body: renderNote(note), public: false }, auth);
    }
    // The property keeps the comment internal when the issue lives in a service management project.
    return jsonCall("POST", `${connection.baseUrl}/rest/api/3/issue/${id}/comment`, { body: renderNoteAdf(note), properties: [{ key: "sd.public.comment", value: { internal: true } }] }, auth);
  },
  settings: {
    credentials: fieldsSchema(["authorization"]),
    options: fieldsSchema([], ["serviceDesk", "ticketUrlBase"]),
    fromAppSettings: (settings) => readAppConnection(settings, headerAuthAppSettings("jira", { serviceDesk: "TICKET_JIRA_SERVICEDESK" })),
  },
};
