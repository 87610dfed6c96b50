import { blocksLegacyAuth, evaluateLegacyAuthBlocking } from "../domain/conditional-access-scope";
import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import type { BlockingCaPolicy } from "../domain/mailbox-state";
import type { ConditionalAccessPolicy, DirectoryRoleRef, DirectoryUser, GraphGateway } from "./m365-gateway";
import { attempt, MAILBOX_NOT_FOUND } from "./read-outcome";
import type { Outcome } from "./read-outcome";

/** What the CA layer is decided from, as read in the first round. */
export interface CaInputs {
  policies: Outcome<ConditionalAccessPolicy[]>;
  user: Outcome<DirectoryUser | null>;
  /** Role refs with template ids; null when the gateway cannot give template ids. */
  roles: Outcome<DirectoryRoleRef[]> | null;
}

/**
 * The CA policies that block SMTP AUTH for the user. Group memberships cost a call, so they are
 * read only when a legacy-auth-blocking policy names groups.
 */
export async function readBlockingCaPolicies(graph: GraphGateway, inputs: CaInputs): Promise<Layer<BlockingCaPolicy[]>> {
  const { policies, user } = inputs;
  if (!policies.ok) return unknown(policies.reason);
  if (!user.ok) return unknown(`the user could not be read, so Conditional Access scope is unknown: ${user.reason}`);
  if (user.value === null) return unknown(MAILBOX_NOT_FOUND);
  const userId = user.value.id;

  const relevant = policies.value.filter(blocksLegacyAuth);
  const namesGroups = relevant.some((p) => p.includeGroups.length > 0 || p.excludeGroups.length > 0);
  let groupIds: string[] | null = [];
  if (namesGroups) {
    const groups = graph.getTransitiveGroupIds ? await attempt(() => graph.getTransitiveGroupIds!(userId)) : null;
    groupIds = groups?.ok ? groups.value : null;
  }
  const roles = inputs.roles;
  const roleTemplateIds = roles?.ok ? roles.value.map((r) => r.roleTemplateId).filter((id) => id !== "") : null;

  const verdict = evaluateLegacyAuthBlocking(relevant, { userId, groupIds, roleTemplateIds });
  if (verdict.undecided.length > 0) {
    const names = verdict.undecided.map((p) => `'${p.displayName}'`).join(", ");
    return unknown(`Conditional Access ${names} targets groups or roles whose membership could not be read`);
  }
  return known(verdict.blocking.map((p) => ({ id: p.id, displayName: p.displayName })));
}
