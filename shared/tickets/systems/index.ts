import { autotask } from "./autotask";
import { connectwise } from "./connectwise";
import { freshservice } from "./freshservice";
import { generic } from "./generic";
import { halopsa } from "./halopsa";
import { jira } from "./jira";
import { servicenow } from "./servicenow";
import { zendesk } from "./zendesk";
import type { TicketSystem } from "../../domain/types";
import type { TicketSystemModule } from "./ticket-system-module";

/** The one list of ticket systems' modules, by the id the routes use (`webhooks/{system}`). */
export const SYSTEM_MODULES: Readonly<Record<TicketSystem, TicketSystemModule>> = {
  zendesk,
  jira,
  servicenow,
  freshservice,
  halopsa,
  generic,
  connectwise,
  autotask,
};

export function moduleFor(system: TicketSystem): TicketSystemModule {
  return SYSTEM_MODULES[system];
}

export type { TicketConnection, TicketSystemModule } from "./ticket-system-module";
