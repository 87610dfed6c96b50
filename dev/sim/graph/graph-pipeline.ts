import { badRequest, graphError } from "./graph-call";
import { matchGraphRoute } from "./graph-routes";
import { mayCall } from "../state/app-consent";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/** A Graph call's reply and the name it is counted under. */
export interface GraphOutcome {
  response: SimResponse;
  operation: string;
}

/** Names an operation by method and path template ("GET /v1.0/users/{id}"). */
export function graphOperationName(method: string, version: string, segments: readonly string[]): string {
  const match = matchGraphRoute(method, segments);
  if (match && "route" in match) return `${method} /${version}${match.route.template}`;
  return `${method} /${version}/${segments[0] ?? ""}${segments.length > 1 ? "/..." : ""}`;
}

/**
 * Runs one Graph operation after authentication: the tenant's throttle, then the permission
 * check, then the handler. Used for top-level calls and for each $batch item.
 */
export function runGraphOperation(call: GraphCall): SimResponse {
  const throttle = call.faults.throttle(call.tenant.tenantId);
  if (!throttle.allowed) {
    const retryAfter = String(throttle.retryAfterSeconds);
    return graphError(call, 429, "TooManyRequests", "Too many requests. Please retry after the time in the Retry-After header.", { "Retry-After": retryAfter });
  }
  const match = matchGraphRoute(call.method, call.segments);
  if (!match) {
    return badRequest(call, `Resource not found for the segment '${call.segments[call.segments.length - 1] ?? ""}'.`);
  }
  if ("methodMismatch" in match) {
    return graphError(call, 405, "Request_BadRequest", `The HTTP method '${call.method}' is not allowed for this resource.`);
  }
  if (!match.route.versions.includes(call.version)) {
    const segment = match.route.template.split("/").pop() ?? "";
    return badRequest(call, `Resource not found for the segment '${segment}'.`);
  }
  // A route accepts any of its permissions (Graph's "least privileged" and "higher privileged" lists).
  if (!mayCall(call.tenant.flags, match.route.permissions)) {
    return graphError(call, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  return match.route.handle(call, match.params);
}
