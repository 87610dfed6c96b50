import { ControlInputError } from "../control/control-input";
import type { OperatorTokenRequest } from "./operator-tokens";

const UPN = /^[^@\s]{1,64}@[A-Za-z0-9.-]{1,190}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A day either way: long enough for a demo, and negative for tests of an expired token. */
const MAX_LIFETIME_SECONDS = 86_400;

/** Validates `POST /_sim/operator-tokens` `{"upn","roles":[...],"oid"?,"expiresInSeconds"?,"name"?,"tenantId"?,"audience"?,"azp"?,"groups"?,"email"?,"proxyAddresses"?}`. */
export function operatorTokenRequestFrom(body: Record<string, unknown>): OperatorTokenRequest {
  const { upn, roles, oid, name, expiresInSeconds, tenantId, audience, azp, groups, email, proxyAddresses } = body;
  if (typeof upn !== "string" || !UPN.test(upn)) throw new ControlInputError("upn must be a user principal name (name@domain).");
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === "string")) throw new ControlInputError("roles must be an array of app role names.");
  if (oid !== undefined && (typeof oid !== "string" || !GUID.test(oid))) throw new ControlInputError("oid must be a GUID.");
  if (name !== undefined && (typeof name !== "string" || name.length > 200)) throw new ControlInputError("name must be a string.");
  if (expiresInSeconds !== undefined && !(Number.isInteger(expiresInSeconds) && Math.abs(expiresInSeconds as number) <= MAX_LIFETIME_SECONDS && expiresInSeconds !== 0)) {
    throw new ControlInputError(`expiresInSeconds must be a non-zero whole number of seconds within ±${MAX_LIFETIME_SECONDS}.`);
  }
  if (email !== undefined && (typeof email !== "string" || !UPN.test(email))) throw new ControlInputError("email must be an e-mail address.");
  if (groups !== undefined && !(Array.isArray(groups) && groups.length <= 200 && groups.every((g) => typeof g === "string" && GUID.test(g)))) {
    throw new ControlInputError("groups must be an array of group object ids (GUIDs).");
  }
  if (proxyAddresses !== undefined && !(Array.isArray(proxyAddresses) && proxyAddresses.length <= 50 && proxyAddresses.every((a) => typeof a === "string" && UPN.test(a)))) {
    throw new ControlInputError("proxyAddresses must be an array of e-mail addresses.");
  }
  for (const [field, value] of [["tenantId", tenantId], ["audience", audience], ["azp", azp]] as const) {
    if (value !== undefined && (typeof value !== "string" || value.length === 0 || value.length > 200)) throw new ControlInputError(`${field} must be a non-empty string.`);
  }
  return {
    upn,
    roles: roles as string[],
    ...(oid ? { oid: (oid as string).toLowerCase() } : {}),
    ...(name ? { name: name as string } : {}),
    ...(expiresInSeconds !== undefined ? { expiresInSeconds: expiresInSeconds as number } : {}),
    ...(tenantId ? { tenantId: tenantId as string } : {}),
    ...(audience ? { audience: audience as string } : {}),
    ...(azp ? { azp: azp as string } : {}),
    ...(email ? { email: email as string } : {}),
    ...(groups ? { groups: (groups as string[]).map((g) => g.toLowerCase()) } : {}),
    ...(proxyAddresses ? { proxyAddresses: proxyAddresses as string[] } : {}),
  };
}
