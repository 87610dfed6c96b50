import { AUDIENCES, bearerToken, verifyAccessToken } from "../identity/access-token";
import { DEFAULT_RESULT_SIZE, findCmdlet } from "./cmdlets";
import { mayCall } from "../state/app-consent";
import { exchangeError, invalidPagination, notAllowed, transientFailure, unauthenticated } from "./exchange-errors";
import { decodeCursor, encodeCursor, readPage, requestFingerprint } from "./exchange-paging";
import { selectProperties } from "./exchange-objects";
import { header, json } from "../http/sim-http";
import type { CmdletResult } from "./cmdlets";
import type { HandledCall, SimRequest, SimResponse } from "../http/sim-http";
import type { SimulatorState } from "../state/simulator-state";
import type { SimTenant } from "../state/sim-tenant";

const INVOKE_PATH = /^\/adminapi\/beta\/([^/]+)\/InvokeCommand$/i;
/** Exchange's default and largest page: `Prefer: odata.maxpagesize=N`. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Whether a path belongs to Exchange's InvokeCommand. */
export function isExchangePath(pathname: string): boolean {
  return INVOKE_PATH.test(pathname);
}

/** Serves POST /adminapi/beta/{tenantId}/InvokeCommand. */
export async function handleExchange(state: SimulatorState, req: SimRequest): Promise<HandledCall> {
  const pathTenant = decodeURIComponent(INVOKE_PATH.exec(req.url.pathname)?.[1] ?? "");
  const input = parseCmdletInput(req.body);
  const cmdlet = input ? findCmdlet(input.name) : undefined;
  const operation = `InvokeCommand ${cmdlet?.name ?? input?.name ?? "(invalid)"}`;
  const done = (response: SimResponse, tenantId: string | null): HandledCall => ({ response, operation, tenantId });
  await state.faults.delay("exchange");

  const claims = verifyAccessToken(state.tokenKey, bearerToken(header(req, "authorization")));
  if (typeof claims === "string") return done(unauthenticated(`The token is ${claims}.`), null);
  const tenant = state.tenant(pathTenant);
  if (claims.aud !== AUDIENCES.exchange) return done(unauthenticated("The audience claim value is invalid."), claims.tid);
  if (!tenant || tenant.tenantId.toLowerCase() !== claims.tid.toLowerCase()) return done(unauthenticated("The tenant in the token does not match the request."), claims.tid);

  const throttle = state.faults.throttle(tenant.tenantId);
  const rateHeaders = {
    "Rate-Limit-Limit": String(throttle.limit),
    "Rate-Limit-Remaining": String(throttle.remaining),
    "Rate-Limit-Reset": new Date(Date.now() + throttle.resetSeconds * 1000).toISOString(),
  };
  const withRate = (response: SimResponse): HandledCall => done({ ...response, headers: { ...response.headers, ...rateHeaders } }, tenant.tenantId);
  if (!throttle.allowed) {
    return withRate(exchangeError(429, "TooManyRequests", "Too many requests. Retry after the time in the Retry-After header.",
      `Request was throttled. Expected available in ${throttle.retryAfterSeconds} seconds.`, "Microsoft.Exchange.Admin.OData.Core.ThrottlingException",
      { "Retry-After": String(throttle.retryAfterSeconds) }));
  }
  if (state.faults.shouldFail()) return withRate(transientFailure(tenant.domain));
  if (!input) return withRate(exchangeError(400, "BadRequest", "The request body is invalid.", "CmdletInput with CmdletName and Parameters is required.", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException"));
  if (!cmdlet) {
    return withRate(exchangeError(400, "BadRequest", "Invalid Operation", `The term '${input.name}' is not recognized as a name of a cmdlet.`, "System.Management.Automation.CommandNotFoundException"));
  }
  // Without Exchange.ManageAsApp, or with the cmdlet itself named in deniedPermissions, Exchange refuses the call.
  const deniedCmdlet = tenant.flags.deniedPermissions.some((p) => p.toLowerCase() === cmdlet.name.toLowerCase());
  if (!mayCall(tenant.flags, cmdlet.permissions) || deniedCmdlet) return withRate(notAllowed(cmdlet.name));
  // RBAC: a role group holds only its cmdlets; Exchange refuses the rest as it refuses a missing permission.
  const role = tenant.flags.exchangeRoleCmdlets;
  if (role && !role.some((c) => c.toLowerCase() === cmdlet.name.toLowerCase())) return withRate(notAllowed(cmdlet.name));

  const result = cmdlet.run({ tenant, parameters: input.parameters, propagationDelayMs: state.faults.settings.propagationDelayMs });
  return withRate(reply(state, req, tenant, result));
}

function reply(state: SimulatorState, req: SimRequest, tenant: SimTenant, result: CmdletResult): SimResponse {
  const selectParam = req.url.searchParams.get("$select");
  const select = selectParam ? selectParam.split(",").map((s) => s.trim()).filter(Boolean) : null;
  const context = `${req.baseUrl}/adminapi/beta/${tenant.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`;
  if (result.kind === "error") return result.response;
  if (result.kind === "objects") {
    return json(200, { "@odata.context": context, "@adminapi.warnings": result.warnings, value: result.objects.map((o) => selectProperties(o, select)) });
  }
  const fingerprint = requestFingerprint(tenant.tenantId, req.body, selectParam);
  const token = req.url.searchParams.get("$skiptoken");
  let cursor = { position: 0, returned: 0, issuedAt: Date.now(), fingerprint };
  if (token !== null) {
    const decoded = decodeCursor(token);
    const expired = !decoded || Date.now() - decoded.issuedAt > state.faults.settings.pagingLinkTtlMs;
    if (expired || decoded.fingerprint !== fingerprint) return invalidPagination();
    cursor = decoded;
  }
  const limit = Math.min(pageSizeFrom(header(req, "prefer")), result.resultSize - cursor.returned);
  const page = readPage(tenant, result.mailboxesOnly, cursor.position, limit);
  const returned = cursor.returned + page.records.length;
  const body: Record<string, unknown> = { "@odata.context": context, "@adminapi.warnings": [] };
  if (page.more && returned < result.resultSize) {
    const next = new URLSearchParams();
    if (selectParam) next.set("$select", selectParam);
    next.set("$skiptoken", encodeCursor({ position: page.nextPosition, returned, issuedAt: Date.now(), fingerprint }));
    body["@odata.nextLink"] = `${req.baseUrl}/adminapi/beta/${tenant.tenantId}/InvokeCommand?${next.toString()}`;
  } else if (page.more && !result.explicitResultSize) {
    body["@adminapi.warnings"] = [`There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter (default ${DEFAULT_RESULT_SIZE}).`];
  }
  body.value = page.records.map((r) => selectProperties(result.toObject(r), select));
  return json(200, body);
}

function pageSizeFrom(prefer: string | undefined): number {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? "");
  const size = match?.[1] ? Number(match[1]) : DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(DEFAULT_PAGE_SIZE, size));
}

function parseCmdletInput(body: string): { name: string; parameters: Record<string, unknown> } | undefined {
  try {
    const parsed = JSON.parse(body) as { CmdletInput?: { CmdletName?: unknown; Parameters?: unknown } };
    const name = parsed.CmdletInput?.CmdletName;
    const parameters = parsed.CmdletInput?.Parameters ?? {};
    if (typeof name !== "string" || typeof parameters !== "object" || parameters === null) return undefined;
    return { name, parameters: parameters as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
