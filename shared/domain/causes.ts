import type { CauseDefinition } from "./cause-definition";
import { ACCOUNT_CAUSES } from "./causes-account";
import { CLIENT_CAUSES } from "./causes-client";
import { OAUTH_ERA_CAUSES } from "./causes-oauth-era";
import { SETTINGS_CAUSES } from "./causes-settings";
import { CAUSE_IDS, OAUTH_ERA_CAUSE_IDS, type CauseId } from "./types";

/** The causes catalogue: every cause id with its meaning, confirmation, fix and guidance. */
export const CAUSES: Record<CauseId, CauseDefinition> = { ...SETTINGS_CAUSES, ...ACCOUNT_CAUSES, ...CLIENT_CAUSES, ...OAUTH_ERA_CAUSES };

/** Position of a cause in the catalogue; the tie-breaker when two causes rank the same. */
export function causeOrder(id: CauseId): number {
  return CAUSE_IDS.indexOf(id);
}

/**
 * Causes that no tenant or mailbox setting produces: OAuth token and app errors, TLS mode and cipher
 * failures, replies about delivery or quotas. A report that establishes one of them never leads to a
 * weakening step (plan-remediation.ts states the rule).
 */
export const NEVER_WEAKEN: ReadonlySet<CauseId> = new Set(OAUTH_ERA_CAUSE_IDS);
