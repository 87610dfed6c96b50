import type { PerUserMfaState } from "../domain/types";
import type { GraphGateway } from "../m365/m365-gateway";

/** Graph page and batch sizes: the listing and $batch cost the audit plans its reads with. */
export const USERS_PAGE_SIZE = 999;
export const BATCH_SIZE = 20;

/**
 * Per-user MFA state for the wanted users, by the cheaper of two routes: the whole user listing
 * (one call per 999 users, perUserMfaState where Graph returns it) or $batch reads (one request per
 * 20, but Graph's throttling, like the simulator's call count, charges every item in a batch).
 * Users the listing returned without the property, or every user when the listing fails, fall back
 * to $batch. A user whose read failed is
 * absent from the map; the caller reports that user as unknown.
 */
export async function readMfaStates(
  graph: GraphGateway,
  wanted: ReadonlySet<string>,
  userCount: number,
): Promise<Map<string, PerUserMfaState>> {
  if (wanted.size === 0) return new Map();
  const listingCalls = Math.ceil(userCount / USERS_PAGE_SIZE);
  const batchCalls = wanted.size + Math.ceil(wanted.size / BATCH_SIZE);
  if (batchCalls <= listingCalls) return graph.getPerUserMfaStates([...wanted]);

  const states = new Map<string, PerUserMfaState>();
  let missing: string[] = [];
  try {
    for await (const page of graph.listUsers()) {
      for (const user of page) {
        if (!wanted.has(user.id)) continue;
        if (user.perUserMfaState) states.set(user.id, user.perUserMfaState);
        else missing.push(user.id);
      }
    }
  } catch {
    // perUserMfaState on /users is undocumented: when the listing fails, the documented $batch of
    // authentication/requirements reads everyone the listing did not settle.
    missing = [...wanted].filter((id) => !states.has(id));
  }
  if (missing.length > 0) {
    for (const [id, state] of await graph.getPerUserMfaStates(missing)) states.set(id, state);
  }
  return states;
}
