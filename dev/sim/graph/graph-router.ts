import { AUDIENCES, bearerToken, verifyAccessToken } from "../identity/access-token";
import { graphError } from "./graph-call";
import { operatorDirectoryGraph } from "./operator-directory-graph";
import { SIM_OPERATOR_TENANT_ID } from "../identity/operator-tokens";
import { runBatch } from "./graph-batch";
import { graphOperationName, runGraphOperation } from "./graph-pipeline";
import { header, parseJsonBody } from "../http/sim-http";
import { throttledRetryAfterMs } from "../state/call-log";
import { randomGuid } from "../state/ids";
import type { GraphCall } from "./graph-call";
import type { HandledCall, SimRequest, SimResponse } from "../http/sim-http";
import type { SimulatorState } from "../state/simulator-state";

/** Whether a path belongs to Graph. */
export function isGraphPath(pathname: string): boolean {
  return pathname.startsWith("/v1.0/") || pathname.startsWith("/beta/");
}

const TOKEN_MESSAGES = {
  empty: "Access token is empty.",
  malformed: "IDX14100: JWT is not well formed, there are no dots (.).",
  "bad-signature": "Access token validation failure.",
  expired: "Lifetime validation failed, the token is expired.",
} as const;

/** Serves Graph: authenticates, applies faults, runs the operation (or a $batch) and names it for counting. */
export async function handleGraph(state: SimulatorState, req: SimRequest): Promise<HandledCall> {
  const segments = req.url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const version = segments.shift() ?? "v1.0";
  const isBatch = segments.length === 1 && segments[0] === "$batch";
  const operation = isBatch ? `${req.method} /${version}/$batch` : graphOperationName(req.method, version, segments);
  const ids = { requestId: randomGuid(), clientRequestId: header(req, "client-request-id") ?? randomGuid() };
  const finish = (response: SimResponse, tenantId: string | null): HandledCall => ({
    response: { ...response, headers: { ...response.headers, "request-id": ids.requestId, "client-request-id": ids.clientRequestId } },
    operation,
    tenantId,
  });
  const receivedAt = Date.now();
  await state.faults.delay("graph");

  const claims = verifyAccessToken(state.tokenKey, bearerToken(header(req, "authorization")));
  if (typeof claims === "string") return finish(graphError(ids, 401, "InvalidAuthenticationToken", TOKEN_MESSAGES[claims]), null);
  if (claims.aud !== AUDIENCES.graph) {
    return finish(graphError(ids, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience."), claims.tid);
  }
  if (claims.tid === SIM_OPERATOR_TENANT_ID) {
    const refused = state.faults.shouldFail() ? graphError(ids, 503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry.") : null;
    return finish(refused ?? operatorDirectoryGraph(state.operators, req.method, segments, req.url.searchParams, ids), claims.tid);
  }
  const tenant = state.tenant(claims.tid);
  if (!tenant) return finish(graphError(ids, 401, "InvalidAuthenticationToken", "Access token validation failure."), claims.tid);
  if (state.faults.shouldFail()) {
    const [status, code] = state.faults.pick([[503, "serviceNotAvailable"], [504, "gatewayTimeout"]] as const);
    return finish(graphError(ids, status, code, "The service is temporarily unavailable. Please retry."), tenant.tenantId);
  }
  let body: unknown;
  try {
    body = parseJsonBody(req.body);
  } catch {
    return finish(graphError(ids, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."), tenant.tenantId);
  }
  const call: GraphCall = { tenant, faults: state.faults, method: req.method, version, segments, query: req.url.searchParams, body, consistencyLevel: header(req, "consistencylevel") ?? null, baseUrl: req.baseUrl, ...ids };
  if (isBatch && req.method === "POST") {
    return finish(runBatch(call, (op, response, target) => state.calls.record(op, response.status, tenant.tenantId, throttledRetryAfterMs(response), Date.now(), receivedAt, target)), tenant.tenantId);
  }
  return finish(runGraphOperation(call), tenant.tenantId);
}
