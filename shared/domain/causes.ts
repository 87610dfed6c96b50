import type { CauseDefinition } from "./cause-definition";
import { ACCOUNT_CAUSES } from "./causes-account";
import { CLIENT_CAUSES } from "./causes-client";
import { SETTINGS_CAUSES } from "./causes-settings";
import { CAUSE_IDS, type CauseId } from "./types";

/** The causes catalogue: every cause id with its meaning, confirmation, fix and guidance. */
export const CAUSES: Record<CauseId, CauseDefinition> = { ...SETTINGS_CAUSES, ...ACCOUNT_CAUSES, ...CLIENT_CAUSES };

/** Position of a cause in the catalogue; the tie-breaker when two causes rank the same. */
export function causeOrder(id: CauseId): number {
  return CAUSE_IDS.indexOf(id);
}
