import { parseServiceNow } from "../parse-servicenow";
import { renderNote } from "../render-note";
import { verifyBearer } from "../signing";
import { fieldsSchema, headerAuthAppSettings, readAppConnection } from "./connection-fields";
import { authorizationHeader, jsonCall } from "./json-call";
import type { TicketSystemModule } from "./ticket-system-module";

/**
 * ServiceNow: an outbound REST message with a shared-secret header; work notes by PATCH on the record.
 * Its inbound REST limits are per hour and a Retry-After can name the next hour, so its notes keep
 * trying for well over an hour.
 */
export const servicenow: TicketSystemModule = {
  system: "servicenow",
  authentication: "bearer",
  verify: (input) => !!input.secret && verifyBearer(input.headers, input.secret),
  parse: (body, context) => parseServiceNow(body, context.integrationUser),
  writeBack: async (note, connection) => {
    const table = encodeURIComponent(connection.options["table"] ?? "incident");
    return jsonCall("PATCH", `${connection.baseUrl}/api/now/table/${table}/${encodeURIComponent(note.ticketId)}`, { work_notes: renderNote(note) }, authorizationHeader(connection.credentials));
  },
  retry: { maxAttempts: 14, maxDelayMs: 30 * 60 * 1000, maxRetryAfterMs: 2 * 60 * 60 * 1000 },
  settings: {
    credentials: fieldsSchema(["authorization"]),
    options: fieldsSchema([], ["table", "ticketUrlBase"]),
    fromAppSettings: (settings) => readAppConnection(settings, headerAuthAppSettings("servicenow", { table: "TICKET_SERVICENOW_TABLE" })),
    // `sys_updated_by` is the user name write-back signs in with (Basic auth).
    integrationUser: (connection) => {
      const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(connection.credentials["authorization"]?.trim() ?? "")?.[1];
      return basic ? Buffer.from(basic, "base64").toString("utf8").split(":")[0] || undefined : undefined;
    },
  },
};
