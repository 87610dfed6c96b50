import type { SimRequest, SimResponse } from "../http/sim-http";
import type { AuthorizationCodes } from "./authorization-codes";
import type { KnownOperator, OperatorDirectory } from "./operator-directory";

/** The query (GET) or form (POST) of an authorization request, as MSAL sends it. */
interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  responseMode: "query" | "fragment";
}

const CARRIED = ["client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "response_mode", "response_type"] as const;

export interface SignInDeps {
  operators: OperatorDirectory;
  codes: AuthorizationCodes;
  /** The console's client id: the one app registration allowed to sign operators in. */
  clientId: string;
}

/**
 * `/{tenant}/oauth2/v2.0/authorize` of the operators' tenant: GET shows one button per known
 * operator (`button[data-upn]`), POST signs the chosen one in and redirects back with a code bound
 * to the request's PKCE challenge. Only loopback redirect URIs are accepted, as only the local
 * console is registered.
 */
export function handleAuthorize(req: SimRequest, tenantId: string, deps: SignInDeps): SimResponse {
  const params = req.method === "POST" ? new URLSearchParams(req.body) : req.url.searchParams;
  const parsed = parseAuthorize(params, deps.clientId);
  if (typeof parsed === "string") return page(400, "Sign-in request refused", `<p class="error">${escapeHtml(parsed)}</p>`);
  if (req.method === "GET") return page(200, "Sign in: operators", chooser(req, tenantId, params, deps.operators.list()));
  const operator = deps.operators.get(params.get("upn") ?? "");
  if (!operator) return page(400, "Sign-in request refused", `<p class="error">No operator ${escapeHtml(params.get("upn") ?? "")} in this tenant.</p>`);
  const code = deps.codes.issue({ upn: operator.upn, clientId: parsed.clientId, redirectUri: parsed.redirectUri, scope: parsed.scope, codeChallenge: parsed.codeChallenge, nonce: parsed.nonce || undefined });
  const reply = new URLSearchParams({ code, state: parsed.state, client_info: clientInfo(operator, tenantId), session_state: code.slice(0, 16) });
  return { status: 302, headers: { location: `${parsed.redirectUri}${parsed.responseMode === "query" ? "?" : "#"}${reply}`, "cache-control": "no-store" } };
}

/** `client_info` as Entra returns it: base64url JSON of the user's object id and tenant. */
export function clientInfo(operator: KnownOperator & { oid?: string }, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: operator.oid ?? "", utid: tenantId })).toString("base64url");
}

function parseAuthorize(params: URLSearchParams, clientId: string): AuthorizeRequest | string {
  if (params.get("client_id") !== clientId) return `AADSTS700016: Application with identifier '${params.get("client_id") ?? ""}' was not found in the directory.`;
  if (params.get("response_type") !== "code") return "AADSTS700054: response_type must be code (authorization code flow).";
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!isLoopback(redirectUri)) return `AADSTS50011: The redirect URI '${redirectUri}' does not match the redirect URIs configured for the application.`;
  const codeChallenge = params.get("code_challenge") ?? "";
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge) || params.get("code_challenge_method") !== "S256") return "AADSTS9002325: Proof Key for Code Exchange (S256) is required.";
  const mode = params.get("response_mode") ?? "fragment";
  if (mode !== "query" && mode !== "fragment") return `AADSTS900144: response_mode ${mode} is not supported here.`;
  return { clientId, redirectUri, scope: params.get("scope") ?? "", state: params.get("state") ?? "", nonce: params.get("nonce") ?? "", codeChallenge, responseMode: mode };
}

function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === "http:" || url.protocol === "https:") && (url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]");
  } catch {
    return false;
  }
}

function chooser(req: SimRequest, tenantId: string, params: URLSearchParams, operators: KnownOperator[]): string {
  const hidden = CARRIED.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`).join("");
  const buttons = operators.map((o) => `<li><button type="submit" name="upn" value="${escapeHtml(o.upn)}" data-upn="${escapeHtml(o.upn)}"><strong>${escapeHtml(o.name ?? o.upn)}</strong><span>${escapeHtml(o.upn)}</span><span class="roles">${escapeHtml(o.roles.join(", ") || "no app roles")}</span></button></li>`).join("");
  const empty = `<p>No operators yet. Register one: <code>POST ${escapeHtml(req.baseUrl)}/_sim/operators {"upn","roles":[...]}</code>.</p>`;
  return `<p>Simulated Entra ID, tenant <code>${escapeHtml(tenantId)}</code>. Pick who signs in.</p><form method="post" action="/${encodeURIComponent(tenantId)}/oauth2/v2.0/authorize">${hidden}<ul>${buttons}</ul></form>${operators.length ? "" : empty}`;
}

function page(status: number, title: string, content: string): SimResponse {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:"Segoe UI",system-ui,sans-serif;background:#f5f5f5;margin:0}main{max-width:440px;margin:10vh auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}h1{font-size:24px;font-weight:600}ul{list-style:none;padding:0}button{display:grid;width:100%;text-align:left;padding:12px;margin:6px 0;border:1px solid #8a8886;background:#fff;cursor:pointer;font:inherit}button:hover,button:focus{background:#f3f2f1;outline:2px solid #0f6cbd}.roles{color:#605e5c;font-size:12px}.error{color:#a4262c}</style></head><body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`;
  return { status, body, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", "cache-control": "no-store" } };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
