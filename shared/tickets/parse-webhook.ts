import { moduleFor } from "./systems";
import type { TicketSystem } from "../domain/types";
import type { ParseResult } from "./ticket-event";
import type { LowerCaseHeaders } from "./signing";

/** The accounts our write-back signs in as, by system: their updates on a ticket carry nothing new. */
export type IntegrationUsers = Partial<Record<TicketSystem, string>>;

/** Reads a parsed webhook body in its system's native shape into a TicketEvent (the system's module). Never throws. */
export function parseWebhook(system: TicketSystem, body: unknown, headers: LowerCaseHeaders, integrationUsers: IntegrationUsers = {}): ParseResult {
  const integrationUser = integrationUsers[system];
  return moduleFor(system).parse(body, { headers, ...(integrationUser ? { integrationUser } : {}) });
}
