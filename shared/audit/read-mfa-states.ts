import type { PerUserMfaState } from "../domain/types";
import type { GraphGateway } from "../m365/m365-gateway";

/**
 * Per-user MFA state for the wanted users, read where Microsoft documents it: beta
 * `users/{id}/authentication/requirements`, 20 users a `$batch`. (v1.0's user has no
 * perUserMfaState property: selecting it on `/users` is a 400, so the listing cannot carry it.)
 * A user whose read failed is absent from the map; the caller reports that user as unknown. A
 * denied permission throws, naming it.
 */
export async function readMfaStates(graph: GraphGateway, wanted: ReadonlySet<string>): Promise<Map<string, PerUserMfaState>> {
  if (wanted.size === 0) return new Map();
  return graph.getPerUserMfaStates([...wanted]);
}
