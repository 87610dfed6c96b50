import { OPERATOR_ROLES } from "../shared/auth/operator-roles";
import { requestJson, type JsonRequestOptions, type JsonResponse } from "./http-json";

/** Who to sign in as: the body of the simulator's `POST /_sim/operator-tokens`. */
export interface OperatorIdentity {
  upn: string;
  roles: readonly string[];
  oid?: string;
  name?: string;
  /** Negative for an already expired token. */
  expiresInSeconds?: number;
  /** Another tenant or audience than the API's: for tokens the API must refuse. */
  tenantId?: string;
  audience?: string;
  /** The client the token is issued to (default the console's); another one the API must refuse. */
  azp?: string;
  /** Entra group object ids in the token's `groups` claim. */
  groups?: readonly string[];
  /** The token's `email` claim, when the person's mail address is not their UPN. */
  email?: string;
  /** Not in the token: further addresses the operators' directory (Graph proxyAddresses) knows for the person. */
  proxyAddresses?: readonly string[];
}

/** A signed-in operator: their token, and the API called with it. */
export interface OperatorSession {
  upn: string;
  oid: string;
  token: string;
  /** Calls the product's API with `Authorization: Bearer <token>`. */
  api<T = any>(path: string, options?: JsonRequestOptions): Promise<JsonResponse<T>>;
}

/** The operator `npm start`, the demo and the tests act as unless they say otherwise: every app role. */
export const DEMO_OPERATOR: OperatorIdentity = { upn: "ops.lead@msp.example", name: "Ops Lead", roles: OPERATOR_ROLES };
/** The second person of the demo and the tests: may approve, does not ask. */
export const DEMO_APPROVER: OperatorIdentity = { upn: "approver@msp.example", name: "Second Approver", roles: ["Remediation.Read", "Remediation.Approve"] };

/** Gets an access token for `identity` from the simulator's operator tenant. */
export async function operatorToken(simBaseUrl: string, ca: string | Buffer, identity: OperatorIdentity): Promise<{ token: string; oid: string; expiresIn: number }> {
  const res = await requestJson<{ access_token?: string; oid?: string; expires_in?: number }>(`${simBaseUrl}/_sim/operator-tokens`, { ca, method: "POST", body: identity });
  if (res.status !== 200 || !res.body.access_token || !res.body.oid) throw new Error(`The simulator issued no operator token (${res.status}): ${JSON.stringify(res.body)}`);
  return { token: res.body.access_token, oid: res.body.oid, expiresIn: res.body.expires_in ?? 0 };
}

/**
 * Signs an operator in against the simulator and returns a session whose `api` carries the token:
 * the one helper tests, the demo and `npm start` use to call the API as someone. `apiBaseUrl` may be
 * a function, for a host that restarts on another port.
 */
export async function signInOperator(simBaseUrl: string, ca: string | Buffer, apiBaseUrl: string | (() => string), identity: OperatorIdentity): Promise<OperatorSession> {
  const base = typeof apiBaseUrl === "string" ? () => apiBaseUrl : apiBaseUrl;
  const { token, oid } = await operatorToken(simBaseUrl, ca, identity);
  return {
    upn: identity.upn.toLowerCase(),
    oid,
    token,
    api: (path, options = {}) => requestJson(`${base()}${path}`, { ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } }),
  };
}

/** Offers an operator on the simulator's sign-in page (`POST /_sim/operators`), for signing in to the console. */
export async function registerOperator(simBaseUrl: string, ca: string | Buffer, identity: OperatorIdentity): Promise<void> {
  const res = await requestJson(`${simBaseUrl}/_sim/operators`, { ca, method: "POST", body: { upn: identity.upn, roles: identity.roles, ...(identity.name ? { name: identity.name } : {}), ...(identity.oid ? { oid: identity.oid } : {}) } });
  if (res.status !== 201) throw new Error(`The simulator did not register ${identity.upn} (${res.status}): ${JSON.stringify(res.body)}`);
}
