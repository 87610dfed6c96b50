import type { SimRequest, SimResponse } from "../http/sim-http";
import { json } from "../http/sim-http";
import type { SimulatorState } from "../state/simulator-state";
import type { CodeGrant, Redeemed } from "./authorization-codes";
import { clientInfo } from "./sign-in-page";
import { OPERATOR_TOKEN_LIFETIME_SECONDS, SIM_OPERATOR_CLIENT_ID } from "./operator-tokens";

/**
 * The operators' tenant's `/token` for the console: `authorization_code` (with the PKCE verifier)
 * and `refresh_token`. Each answers as Entra does for a single-page app: an access token for the API
 * with the operator's app roles, an ID token for the console, a refresh token and `client_info`.
 */
export function operatorTokenGrant(state: SimulatorState, req: SimRequest, tenantId: string): SimResponse {
  const form = new URLSearchParams(req.body);
  const clientId = form.get("client_id") ?? "";
  if (clientId !== SIM_OPERATOR_CLIENT_ID) return grantError(400, "unauthorized_client", `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
  let redeemed: Redeemed;
  if (form.get("grant_type") === "authorization_code") {
    redeemed = state.authorizationCodes.redeem(form.get("code") ?? "", { clientId, redirectUri: form.get("redirect_uri") ?? "", codeVerifier: form.get("code_verifier") ?? "" });
  } else {
    redeemed = state.authorizationCodes.redeemRefreshToken(form.get("refresh_token") ?? "", clientId);
  }
  if (!redeemed.ok) return grantError(400, "invalid_grant", `AADSTS70008: ${redeemed.reason}`);
  const operator = state.operators.get(redeemed.grant.upn);
  if (!operator) return grantError(400, "invalid_grant", "AADSTS50034: The user account does not exist in the directory.");
  return json(200, tokens(state, req.baseUrl, tenantId, operator, redeemed.grant), { "cache-control": "no-store, no-cache", pragma: "no-cache" });
}

function tokens(state: SimulatorState, baseUrl: string, tenantId: string, operator: { upn: string; roles: string[]; oid?: string; name?: string }, grant: CodeGrant): Record<string, unknown> {
  const access = state.operatorTokens.issue(baseUrl, { upn: operator.upn, roles: operator.roles, ...(operator.oid ? { oid: operator.oid } : {}), ...(operator.name ? { name: operator.name } : {}) });
  return {
    token_type: "Bearer",
    scope: grant.scope.split(/\s+/).filter((s) => s && !["openid", "profile", "offline_access"].includes(s)).join(" "),
    expires_in: OPERATOR_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: OPERATOR_TOKEN_LIFETIME_SECONDS,
    access_token: access.accessToken,
    id_token: state.operatorTokens.issueIdToken(baseUrl, { upn: operator.upn, oid: access.oid, ...(operator.name ? { name: operator.name } : {}), clientId: grant.clientId, ...(grant.nonce ? { nonce: grant.nonce } : {}) }),
    refresh_token: state.authorizationCodes.issueRefreshToken(grant),
    client_info: clientInfo({ ...operator, oid: access.oid }, tenantId),
  };
}

function grantError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)] });
}
