import { evaluateLegacyAuthBlocking } from "../domain/conditional-access-scope";
import { known, unknown } from "../domain/layer";
import { microsoftManagedKey } from "../domain/microsoft-managed-policies";
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
  const byId = new Map(policies.value.map((p) => [p.id, p]));
  return known(verdict.blocking.map((p) => toBlockingPolicy(byId.get(p.id) ?? { ...p, state: "enabled" as const })));
}

/**
 * Microsoft-managed legacy-auth blocks in report-only that would block the user once on: Microsoft
 * switches them on itself (microsoft-managed-policies.ts), so a fix made today breaks then.
 */
export function readPendingManagedBlocks(inputs: CaInputs): BlockingCaPolicy[] {
  const { policies, user } = inputs;
  if (!policies.ok || !user.ok || user.value === null) return [];
  const reportOnly = policies.value.filter((p) => p.state === "enabledForReportingButNotEnforced" && microsoftManagedKey(p) !== null);
  const asIfOn = reportOnly.map((p) => ({ ...p, state: "enabled" as const }));
  const verdict = evaluateLegacyAuthBlocking(asIfOn, { userId: user.value.id, groupIds: inputs.groupIds, roleTemplateIds: inputs.roleTemplateIds });
  return verdict.blocking.map((p) => toBlockingPolicy(asIfOn.find((x) => x.id === p.id) ?? { ...p, state: "enabled" as const }));
}

/** A blocking policy as diagnosis names it, with Microsoft's management and dates when it is one of Microsoft's. */
function toBlockingPolicy(p: Pick<ConditionalAccessPolicy, "id" | "displayName" | "state" | "templateId" | "createdDateTime" | "modifiedDateTime">): BlockingCaPolicy {
  const key = microsoftManagedKey(p);
  const base = { id: p.id, displayName: p.displayName };
  return key ? { ...base, microsoftManaged: { key, createdDateTime: p.createdDateTime ?? null, modifiedDateTime: p.modifiedDateTime ?? null } } : base;
}
