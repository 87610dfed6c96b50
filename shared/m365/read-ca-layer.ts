import { evaluateLegacyAuthBlocking } from "../domain/conditional-access-scope";
import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import type { BlockingCaPolicy } from "../domain/mailbox-state";
import type { ConditionalAccessPolicy, DirectoryUser } from "./m365-gateway";
import { MAILBOX_NOT_FOUND } from "./read-outcome";
import type { Outcome } from "./read-outcome";

/** What the CA layer is decided from, as read for the mailbox. */
export interface CaInputs {
  policies: Outcome<ConditionalAccessPolicy[]>;
  user: Outcome<DirectoryUser | null>;
  /** Ids of the user's groups (transitive); null when they could not be read. */
  groupIds: readonly string[] | null;
  /** Template ids of the user's active roles; null when they could not be read. */
  roleTemplateIds: readonly string[] | null;
}

/** The CA policies that certainly block SMTP AUTH for the user; unknown when one cannot be decided. */
export function readBlockingCaPolicies(inputs: CaInputs): Layer<BlockingCaPolicy[]> {
  const { policies, user } = inputs;
  if (!policies.ok) return unknown(policies.reason);
  if (!user.ok) return unknown(`the user could not be read, so Conditional Access scope is unknown: ${user.reason}`);
  if (user.value === null) return unknown(MAILBOX_NOT_FOUND);
  const verdict = evaluateLegacyAuthBlocking(policies.value, { userId: user.value.id, groupIds: inputs.groupIds, roleTemplateIds: inputs.roleTemplateIds });
  if (verdict.undecided.length > 0) {
    const why = verdict.undecided.map((u) => `'${u.policy.displayName}' may block it: ${u.why}`).join("; ");
    return unknown(`Conditional Access cannot be decided before the sign-in: ${why}`);
  }
  return known(verdict.blocking.map((p) => ({ id: p.id, displayName: p.displayName })));
}
