import { badRequest } from "./graph-call";
import { callTarget } from "../state/call-log";
import { graphOperationName, runGraphOperation } from "./graph-pipeline";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";

/** Graph's limit on requests in one $batch. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * POST /$batch: the outer reply is 200 even when items fail; each item is throttled and counted
 * on its own (as "$batch GET /beta/users/{id}/..."), so an item can be a 429 with Retry-After.
 */
export function runBatch(call: GraphCall, count: (operation: string, response: SimResponse, target: string) => void): SimResponse {
  const requests = (call.body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return badRequest(call, "Invalid batch payload format.");
  if (requests.length > MAX_BATCH_REQUESTS) {
    return badRequest(call, `Number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  }
  const items = requests as Array<Partial<BatchItem>>;
  const ids = new Set<string>();
  for (const item of items) {
    if (typeof item.id !== "string" || typeof item.method !== "string" || typeof item.url !== "string") {
      return badRequest(call, "Each batch request needs an id, a method and a url.");
    }
    if (ids.has(item.id)) return badRequest(call, `Batch request ids must be unique; '${item.id}' is repeated.`);
    ids.add(item.id);
  }
  const responses = (items as BatchItem[]).map((item) => {
    const itemCall = itemToCall(call, item);
    const response = runGraphOperation(itemCall);
    count(`$batch ${graphOperationName(itemCall.method, itemCall.version, itemCall.segments)}`, response, callTarget(item.method, item.url, item.body === undefined ? undefined : JSON.stringify(item.body)));
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers["Content-Type"] = "application/json";
    return { id: item.id, status: response.status, headers, ...(response.body === undefined ? {} : { body: response.body }) };
  });
  return json(200, { responses });
}

function itemToCall(call: GraphCall, item: BatchItem): GraphCall {
  const url = new URL(item.url.replace(/^\/+/, ""), `${call.baseUrl}/${call.version}/`);
  const path = url.pathname.replace(/^\/+/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const version = path[0] === "v1.0" || path[0] === "beta" ? (path.shift() ?? call.version) : call.version;
  const consistency = Object.entries(item.headers ?? {}).find(([k]) => k.toLowerCase() === "consistencylevel")?.[1] ?? null;
  return { ...call, method: item.method.toUpperCase(), version, segments: path, query: url.searchParams, body: item.body, consistencyLevel: consistency };
}
