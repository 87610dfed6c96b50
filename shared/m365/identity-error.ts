import type { CallIdentity } from "./call-policy";
import { M365Error } from "./m365-error";

/** Error names @azure/identity uses when it could not get a token. */
const IDENTITY_ERROR_NAMES = new Set([
  "AuthenticationError",
  "AuthenticationRequiredError",
  "CredentialUnavailableError",
  "AggregateAuthenticationError",
]);

/** Entra answers that no retry will change: wrong secret, unknown app or tenant, bad scope. */
const REFUSAL = /AADSTS\d+|invalid_client|unauthorized_client|invalid_resource|invalid_scope|invalid_request|invalid_grant/i;

/** True when the name is one @azure/identity throws. */
export function isIdentityErrorName(name: unknown): boolean {
  return typeof name === "string" && IDENTITY_ERROR_NAMES.has(name);
}

/**
 * A failed token request as an M365Error: permanent when Entra refused (the AADSTS code is kept,
 * the secret never appears in it), transient when the authority could not be reached.
 */
export function identityError(id: CallIdentity, name: string, message: string, cause: unknown): M365Error {
  const refused = name === "CredentialUnavailableError" || REFUSAL.test(message);
  const aadsts = /AADSTS\d+/.exec(message)?.[0];
  const what = refused ? "was refused" : "could not be obtained";
  return new M365Error(`identity token for ${id.operation} ${what}: ${aadsts ?? name}`, {
    kind: refused ? "permanent" : "transient",
    service: "identity",
    operation: id.operation,
    code: aadsts ?? name,
    cause,
  });
}
