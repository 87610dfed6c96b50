import { parseFreshservice } from "../parse-freshservice";
import { renderNote } from "../render-note";
import { verifyBearer } from "../signing";
import { fieldsSchema, headerAuthAppSettings, readAppConnection } from "./connection-fields";
import { authorizationHeader, jsonCall } from "./json-call";
import type { TicketSystemModule } from "./ticket-system-module";

/** Freshservice: Workflow Automator "Trigger Webhook" with a shared-secret header; private notes. */
export const freshservice: TicketSystemModule = {
  system: "freshservice",
  authentication: "bearer",
  verify: (input) => !!input.secret && verifyBearer(input.headers, input.secret),
  parse: (body) => parseFreshservice(body),
  writeBack: async (note, connection) =>
    jsonCall("POST", `${connection.baseUrl}/api/v2/tickets/${encodeURIComponent(note.ticketId)}/notes`, { body: renderNote(note, "html"), private: true }, authorizationHeader(connection.credentials)),
  settings: {
    credentials: fieldsSchema(["authorization"]),
    options: fieldsSchema([], ["ticketUrlBase"]),
    fromAppSettings: (settings) => readAppConnection(settings, headerAuthAppSettings("freshservice")),
  },
};
