import type { SimTenant } from "../state/sim-tenant";
import type { AppRegistrationRecord } from "../state/migration-records";
import type { SignInRecord } from "../state/tenant-records";
import { randomGuid } from "../state/ids";
import { defaultFlags } from "../state/tenant-records";
import { tokenRoles } from "../state/app-consent";
import { AUDIENCES, TOKEN_LIFETIME_SECONDS, issueAccessToken } from "./access-token";
import { json } from "../http/sim-http";
import { operatorTokenGrant } from "./operator-sign-in";
import { SIM_OPERATOR_CLIENT_ID, SIM_OPERATOR_TENANT_ID } from "./operator-tokens";
import { handleAuthorize } from "./sign-in-page";
import type { Audience } from "./access-token";
import type { HandledCall, SimRequest, SimResponse } from "../http/sim-http";
import type { SimulatorState } from "../state/simulator-state";

const OPENID_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const KEYS_PATH = /^\/([^/]+)\/discovery\/v2\.0\/keys$/;
const AUTHORIZE_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/;
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access"]);

/** Whether a path belongs to the identity surface. */
export function isIdentityPath(pathname: string): boolean {
  return OPENID_PATH.test(pathname) || TOKEN_PATH.test(pathname) || KEYS_PATH.test(pathname) || AUTHORIZE_PATH.test(pathname);
}

/**
 * Entra's discovery document, its signing keys (for operators' tokens), the client-credentials token
 * endpoint, and for the operators' tenant the sign-in page and the authorization-code grant.
 */
export function handleIdentity(state: SimulatorState, req: SimRequest): HandledCall {
  const openid = OPENID_PATH.exec(req.url.pathname);
  if (openid?.[1] && req.method === "GET") {
    const asked = decodeURIComponent(openid[1]);
    // The operators' tenant is the product checking its own sign-ins, not a call about a customer tenant: not counted.
    if (asked === SIM_OPERATOR_TENANT_ID) return { response: openIdConfiguration(req.baseUrl, asked), operation: null, tenantId: asked };
    // Entra answers for a tenant id or any of its domains, naming the tenant's id; an unknown one is AADSTS90002.
    const tenant = state.tenant(asked);
    const operation = "GET /{tenant}/v2.0/.well-known/openid-configuration";
    if (!tenant) return { response: aadError(400, "invalid_tenant", 90002, `Tenant '${asked}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`), operation, tenantId: null };
    return { response: openIdConfiguration(req.baseUrl, tenant.tenantId), operation, tenantId: tenant.tenantId };
  }
  const keys = KEYS_PATH.exec(req.url.pathname);
  if (keys?.[1] && req.method === "GET") {
    return { response: json(200, state.operatorTokens.jwks()), operation: null, tenantId: decodeURIComponent(keys[1]) };
  }
  const authorize = AUTHORIZE_PATH.exec(req.url.pathname);
  if (authorize?.[1] && (req.method === "GET" || req.method === "POST")) {
    const tenantId = decodeURIComponent(authorize[1]);
    if (tenantId !== SIM_OPERATOR_TENANT_ID) return { response: aadError(400, "invalid_request", 90002, `Tenant '${tenantId}' has no interactive sign-in in the simulator; only the operators' tenant does.`), operation: null, tenantId };
    return { response: handleAuthorize(req, tenantId, { operators: state.operators, codes: state.authorizationCodes, clientId: SIM_OPERATOR_CLIENT_ID }), operation: null, tenantId };
  }
  const token = TOKEN_PATH.exec(req.url.pathname);
  if (token?.[1] && req.method === "POST") {
    const tenantId = decodeURIComponent(token[1]);
    const grant = new URLSearchParams(req.body).get("grant_type");
    // Operators sign in to the console: not a call about a customer tenant, so not counted.
    if (tenantId === SIM_OPERATOR_TENANT_ID && (grant === "authorization_code" || grant === "refresh_token")) return { response: operatorTokenGrant(state, req, tenantId), operation: null, tenantId };
    return { response: issueToken(state, req, tenantId), operation: "POST /{tenant}/oauth2/v2.0/token", tenantId };
  }
  return { response: aadError(405, "invalid_request", 900561, "The endpoint only accepts POST requests."), operation: null, tenantId: null };
}

function openIdConfiguration(base: string, tenantId: string): SimResponse {
  const authority = `${base}/${tenantId}`;
  return json(200, {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/${tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${authority}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "tid"],
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
  });
}

function issueToken(state: SimulatorState, req: SimRequest, tenantId: string): SimResponse {
  const form = new URLSearchParams(req.body);
  const basic = basicClientCredentials(req.headers.authorization);
  const clientId = form.get("client_id") ?? basic?.id ?? "";
  const clientSecret = form.get("client_secret") ?? basic?.secret ?? "";
  if (form.get("grant_type") !== "client_credentials") {
    return aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
  }
  // The operators' own tenant: the app reads its directory there with the same app registration.
  const tenant = tenantId === SIM_OPERATOR_TENANT_ID ? { tenantId, domain: "operators", flags: defaultFlags() } : state.tenant(tenantId);
  if (!tenant) {
    return aadError(400, "invalid_request", 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  // Apps registered in the tenant (PUT /_sim/tenants/{id}/applications/{appId}) sign in with their own secret.
  const app = "applications" in tenant ? tenant.applications.get(clientId.toLowerCase()) : undefined;
  if (app && "applications" in tenant) return issueAppToken(state, tenant, app, form);
  if (clientId !== tenant.flags.clientId) {
    return aadError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.domain}'.`);
  }
  const assertion = form.get("client_assertion_type") === JWT_BEARER ? form.get("client_assertion") ?? "" : undefined;
  if (assertion !== undefined) {
    const refusal = federatedRefusal(assertion, tenant.flags.federatedSubjects);
    if (refusal) return refusal;
  } else if (clientSecret !== tenant.flags.clientSecret) {
    return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
  }
  const scopes = (form.get("scope") ?? "").split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  const scope = scopes[0] ?? "";
  if (scopes.length !== 1 || !scope.endsWith("/.default")) {
    return aadError(400, "invalid_scope", 1002012, `The provided value for scope ${scope || "(empty)"} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const audience = audienceOf(scope.slice(0, -"/.default".length));
  if (!audience) {
    return aadError(400, "invalid_resource", 500011, `The resource principal named ${scope.slice(0, -"/.default".length)} was not found in the tenant named ${tenant.domain}.`);
  }
  return json(200, {
    token_type: "Bearer",
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: issueAccessToken(state.tokenKey, tenant.tenantId, clientId, audience, tokenRoles(tenant.flags, audience === AUDIENCES.graph ? "graph" : "exchange")),
  }, { "cache-control": "no-store, no-cache", pragma: "no-cache" });
}

/**
 * A client-credentials token for an app registered in the tenant, with the Exchange roles admin
 * consent gave it; each issue is the app's service-principal sign-in in the tenant's log.
 */
function issueAppToken(state: SimulatorState, tenant: SimTenant, app: AppRegistrationRecord, form: URLSearchParams): SimResponse {
  const secretOk = form.get("client_secret") === app.secret;
  const scope = (form.get("scope") ?? "").trim();
  const audience = scope.endsWith("/.default") ? audienceOf(scope.slice(0, -"/.default".length)) : undefined;
  tenant.addSignIn(servicePrincipalSignIn(app, secretOk ? 0 : 7000215), state.faults.settings.signInLogDelayMs);
  if (!secretOk) return aadError(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`);
  if (!audience) return aadError(400, "invalid_scope", 1002012, `The provided value for scope ${scope || "(empty)"} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  return json(200, {
    token_type: "Bearer",
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: issueAccessToken(state.tokenKey, tenant.tenantId, app.appId, audience, audience === AUDIENCES.exchange ? app.exchangeRoles : []),
  }, { "cache-control": "no-store, no-cache", pragma: "no-cache" });
}

function servicePrincipalSignIn(app: AppRegistrationRecord, errorCode: number): SignInRecord {
  return {
    id: randomGuid(), createdDateTime: new Date().toISOString(), userDisplayName: "", userPrincipalName: "", userId: "",
    appId: app.appId, appDisplayName: app.displayName, clientAppUsed: "", ipAddress: "127.0.0.1", isInteractive: false,
    conditionalAccessStatus: "notApplied", status: { errorCode, failureReason: errorCode === 0 ? "Other." : "Invalid client secret is provided.", additionalDetails: null },
    signInEventTypes: ["servicePrincipal"], servicePrincipalId: app.servicePrincipalId, resourceDisplayName: "Office 365 Exchange Online",
  };
}

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/**
 * A client assertion from a managed identity, checked as Entra checks a federated identity credential:
 * audience and subject must match one the app trusts. (The simulator does not check its signature.)
 */
function federatedRefusal(assertion: string, trustedSubjects: readonly string[]): SimResponse | undefined {
  const claims = jwtClaims(assertion);
  if (!claims) return aadError(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
  const audiences = [claims.aud].flat();
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  if (!audiences.includes(TOKEN_EXCHANGE_AUDIENCE) || !trustedSubjects.includes(subject)) {
    return aadError(401, "invalid_client", 700213,
      `No matching federated identity record found for presented assertion subject '${subject}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`);
  }
  return undefined;
}

function jwtClaims(token: string): { aud?: unknown; sub?: unknown } | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as { aud?: unknown; sub?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

function audienceOf(resource: string): Audience | undefined {
  const normalised = resource.replace(/\/$/, "").toLowerCase();
  if (normalised === AUDIENCES.graph || normalised === "00000003-0000-0000-c000-000000000000") return AUDIENCES.graph;
  if (normalised === AUDIENCES.exchange || normalised === "https://outlook.office.com" || normalised === "00000002-0000-0ff1-ce00-000000000000") {
    return AUDIENCES.exchange;
  }
  return undefined;
}

function basicClientCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return undefined;
  const [id, ...rest] = Buffer.from(match[1], "base64").toString("utf8").split(":");
  return { id: decodeURIComponent(id ?? ""), secret: decodeURIComponent(rest.join(":")) };
}

/** An AADSTS error reply in Entra's shape. */
function aadError(status: number, error: string, code: number, description: string): SimResponse {
  const traceId = randomGuid();
  const correlationId = randomGuid();
  const timestamp = new Date().toISOString().replace("T", " ");
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}
