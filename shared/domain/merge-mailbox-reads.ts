import { mergeAccounts } from "./account-identity";
import type { Layer } from "./layer";
import type { MailboxState } from "./mailbox-state";
import { LAYER_LABELS, type LayerField } from "./live-checks";

/** Every layer field of a MailboxState, in the order people read them. */
export const LAYER_FIELDS = Object.keys(LAYER_LABELS) as LayerField[];

/**
 * Combines two reads of the same mailbox taken seconds apart: each layer from the later read when
 * it was read, else from the earlier one. Under throttling a diagnosis then needs each layer to
 * succeed once across its attempts, not every layer in the same attempt. (Any write re-reads its
 * own setting first, so an earlier value never decides a change on its own.)
 */
export function mergeMailboxReads(earlier: MailboxState, later: MailboxState): MailboxState {
  const merged: MailboxState = { ...later, userId: later.userId ?? earlier.userId };
  const account = mergeAccounts(earlier.account, later.account);
  if (account) merged.account = account;
  for (const field of LAYER_FIELDS) {
    const pick = later[field].known ? later[field] : earlier[field];
    (merged as unknown as Record<LayerField, Layer<unknown>>)[field] = pick;
  }
  return merged;
}

/** True when any layer of the state could not be read. */
export function hasUnknownLayer(state: MailboxState): boolean {
  return LAYER_FIELDS.some((field) => !state[field].known);
}
