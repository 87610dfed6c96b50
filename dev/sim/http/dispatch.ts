import { handleControl } from "../control/control-routes";
import { handleExchange, isExchangePath } from "../exchange/exchange-router";
import { handleGraph, isGraphPath } from "../graph/graph-router";
import { handleIdentity, isIdentityPath } from "../identity/identity-routes";
import { json } from "./sim-http";
import { callTarget, throttledRetryAfterMs } from "../state/call-log";
import type { IncomingMessage } from "node:http";
import type { HandledCall, SimRequest, SimResponse } from "./sim-http";
import type { SimulatorState } from "../state/simulator-state";

/** Routes a request to its surface and counts every call to a Microsoft surface. */
export async function dispatch(state: SimulatorState, req: IncomingMessage, body: string): Promise<SimResponse> {
  const host = req.headers.host ?? "127.0.0.1";
  const request: SimRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    url: new URL(req.url ?? "/", `https://${host}`),
    headers: req.headers,
    body,
    baseUrl: `https://${host}`,
  };
  const path = request.url.pathname;
  const receivedAt = Date.now();
  if (path.startsWith("/_sim/")) return handleControl(state, request);
  let handled: HandledCall;
  if (isGraphPath(path)) handled = await handleGraph(state, request);
  else if (isExchangePath(path)) handled = request.method === "POST" ? await handleExchange(state, request) : methodNotAllowed();
  else if (isIdentityPath(path)) {
    // A browser app (the console) calls discovery and /token across origins, as Entra allows SPAs to.
    if (request.method === "OPTIONS") return { status: 204, headers: corsHeaders(request) };
    handled = handleIdentity(state, request);
    handled.response.headers = { ...handled.response.headers, ...corsHeaders(request) };
  }
  else return json(404, { error: { code: "NotFound", message: `Nothing is simulated at ${path}.` } });
  if (handled.operation) {
    const target = callTarget(request.method, `${path}${request.url.search}`, request.body);
    state.calls.record(handled.operation, handled.response.status, handled.tenantId, throttledRetryAfterMs(handled.response), Date.now(), receivedAt, target);
  }
  return handled.response;
}

function methodNotAllowed(): HandledCall {
  return { response: json(405, { error: { code: "MethodNotAllowed", message: "InvokeCommand accepts POST only." } }), operation: null, tenantId: null };
}

function corsHeaders(req: SimRequest): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? "content-type"),
    "access-control-max-age": "600",
  };
}
