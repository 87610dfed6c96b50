import { json } from "../http/sim-http";
import type { SimResponse } from "../http/sim-http";
import type { SimTenant } from "../state/sim-tenant";
import type { FaultInjector } from "../faults/fault-injector";

/** One Graph request (top-level or inside a $batch), resolved to a tenant. */
export interface GraphCall {
  tenant: SimTenant;
  faults: FaultInjector;
  method: string;
  /** "v1.0" or "beta". */
  version: string;
  /** Path segments after the version, decoded. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  /** The ConsistencyLevel request header (advanced queries need "eventual"). */
  consistencyLevel: string | null;
  baseUrl: string;
  requestId: string;
  clientRequestId: string;
}

/** Graph's error envelope. */
export function graphError(call: Pick<GraphCall, "requestId" | "clientRequestId">, status: number, code: string, message: string, headers?: Record<string, string>): SimResponse {
  return json(status, {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), "request-id": call.requestId, "client-request-id": call.clientRequestId },
    },
  }, headers);
}

/** 404 for a user, group or other directory object that does not exist. */
export function resourceNotFound(call: GraphCall, id: string): SimResponse {
  return graphError(call, 404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

/** 400 for a malformed request. */
export function badRequest(call: GraphCall, message: string, code = "BadRequest"): SimResponse {
  return graphError(call, 400, code, message);
}

/** The OData context URL of a reply. */
export function odataContext(call: GraphCall, fragment: string): string {
  return `${call.baseUrl}/${call.version}/$metadata#${fragment}`;
}

/** Opaque $skiptoken holding a position. */
export function encodeSkipToken(position: number): string {
  return Buffer.from(`sim-position:${position}`).toString("base64url");
}

/** The position in a $skiptoken, undefined when it is not one of ours. */
export function decodeSkipToken(token: string): number | undefined {
  const match = /^sim-position:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The absolute next-page link: the same query with a new $skiptoken. */
export function nextLink(call: GraphCall, position: number): string {
  const query = new URLSearchParams(call.query);
  query.set("$skiptoken", encodeSkipToken(position));
  return `${call.baseUrl}/${call.version}/${call.segments.map(encodeURIComponent).join("/")}?${query.toString()}`;
}

/** Reads $top with Graph's bounds; a string is the 400 message. */
export function pageSize(call: GraphCall, fallback: number, max: number): number | string {
  const raw = call.query.get("$top");
  if (raw === null) return fallback;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > max) {
    return `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`;
  }
  return top;
}

/** Reads $skiptoken; a string is the 400 message. */
export function startPosition(call: GraphCall): number | string {
  const raw = call.query.get("$skiptoken");
  if (raw === null) return 0;
  return decodeSkipToken(raw) ?? "Invalid $skiptoken value.";
}
