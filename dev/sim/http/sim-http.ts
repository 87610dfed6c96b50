import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/** A request to one of the simulated surfaces, already read. */
export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** `https://host:port` as the client addressed us; used for absolute links. */
  baseUrl: string;
}

/** A reply; `body` is sent as JSON unless it is a string, and omitted when undefined. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A handled request with what the call counter needs; operation null = not counted. */
export interface HandledCall {
  response: SimResponse;
  operation: string | null;
  tenantId: string | null;
}

/** Largest request body accepted. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads the whole body as UTF-8 (bounded). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Writes a SimResponse. */
export function writeResponse(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (typeof response.body === "string") {
    payload = response.body;
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Parses a JSON body; undefined for an empty body, throws SyntaxError for bad JSON. */
export function parseJsonBody(body: string): unknown {
  return body.trim() === "" ? undefined : (JSON.parse(body) as unknown);
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** The first value of a header. */
export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
