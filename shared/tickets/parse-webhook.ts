import { parseFreshservice } from "./parse-freshservice";
import { parseGeneric } from "./parse-generic";
import { parseHaloPsa } from "./parse-halopsa";
import { parseJira } from "./parse-jira";
import { parseServiceNow } from "./parse-servicenow";
import { parseZendesk } from "./parse-zendesk";
import type { TicketSystem } from "../domain/types";
import type { ParseResult } from "./ticket-event";
import type { LowerCaseHeaders } from "./verify-signature";

/** The accounts our write-back signs in as, by system: their updates on a ticket carry nothing new. */
export type IntegrationUsers = Partial<Record<TicketSystem, string>>;

/** Reads a parsed webhook body in its system's native shape into a TicketEvent. Never throws. */
export function parseWebhook(system: TicketSystem, body: unknown, headers: LowerCaseHeaders, integrationUsers: IntegrationUsers = {}): ParseResult {
  switch (system) {
    case "zendesk":
      return parseZendesk(body);
    case "jira":
      return parseJira(body, headers["x-atlassian-webhook-identifier"]);
    case "servicenow":
      return parseServiceNow(body, integrationUsers.servicenow);
    case "freshservice":
      return parseFreshservice(body);
    case "halopsa":
      return parseHaloPsa(body);
    case "generic":
      return parseGeneric(body, headers["idempotency-key"]);
  }
}
