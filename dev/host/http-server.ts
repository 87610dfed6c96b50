import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpRequest, HttpResponse } from "@azure/functions";
import type { HttpRequestInit, HttpResponseInit } from "@azure/functions";
import { keyGrants, presentedKey, type AuthLevel, type HostKeys } from "./host-keys";
import type { RouteMatch } from "./http-routes";
import { createInvocationContext, runLogged } from "./invocation-log";
import type { HostLogger } from "./invocation-log";
import { bufferBody, closeIfBodyUnread, declaredOverLimit, RequestBodyTooLargeError, streamBody } from "./request-body";

/** What the HTTP server needs from the host. */
export interface HostHttpServerOptions {
  routePrefix: string;
  route: (method: string, apiPath: string) => RouteMatch;
  /** Starts a non-HTTP function with the admin endpoint's input; false when no such function exists. */
  runAdmin: (name: string, input: string) => boolean;
  log: HostLogger;
  /** The keys every non-anonymous route and the admin endpoint are checked against. */
  keys: HostKeys;
  /** The app's `app.setup({ enableHttpStream })`: bodies reach handlers as streams, else buffered whole. */
  httpStream: boolean;
  /** The host's request body limit in bytes (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT). */
  bodyLimit: number;
}

/**
 * The HTTP side of the local Functions host: `/<prefix>/...` to HTTP functions, and
 * `POST /admin/functions/{name}` (master key) to run any other function at once. Keys are checked
 * before a body is read, as the Functions host does; a failed check is an empty 401.
 */
export function createHostHttpServer(options: HostHttpServerOptions): http.Server {
  return http.createServer((req, res) => {
    handle(req, res, options).catch((e: unknown) => {
      options.log(`Host error for ${req.method} ${new URL(req.url ?? "/", "http://host").pathname}: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendError(req, res, 500, "internal", "The host failed to handle the request.");
      else res.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HostHttpServerOptions): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const key = presentedKey(req.headers["x-functions-key"], url.searchParams);
  const admin = /^\/admin\/functions\/([^/]+)\/?$/.exec(url.pathname);
  if (admin) {
    if (!keyGrants(options.keys, "admin", undefined, key)) return unauthorized(req, res);
    if (method !== "POST") return sendError(req, res, 405, "method-not-allowed", "Use POST to run a function.", ["POST"]);
    return runAdmin(req, res, decodeURIComponent(admin[1]!), options);
  }
  const prefix = options.routePrefix ? `/${options.routePrefix}` : "";
  const inApi = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
  const match: RouteMatch = inApi ? options.route(method, url.pathname.slice(prefix.length)) : { kind: "not-found" };
  if (match.kind === "not-found") return sendError(req, res, 404, "not-found", "No function serves this route.");
  if (match.kind === "method-not-allowed") {
    return sendError(req, res, 405, "method-not-allowed", `This route accepts ${match.allowed.join(", ")}.`, match.allowed);
  }
  // @azure/functions registers an HTTP trigger without authLevel as anonymous; so does this host.
  const level: AuthLevel = match.target.options.authLevel ?? "anonymous";
  if (!keyGrants(options.keys, level, match.target.name, key)) return unauthorized(req, res);

  const built = await toHttpRequest(req, url, method, match.params, options);
  if (built === "too-large") return tooLarge(req, res);
  const { request, overLimit } = built;

  const context = createInvocationContext(match.target.name, options.log);
  let result: HttpResponseInit | HttpResponse | undefined;
  try {
    result = await runLogged(context, `HTTP ${method} ${url.pathname}`, options.log, () => match.target.options.handler(request, context));
  } catch {
    if (overLimit()) return tooLarge(req, res);
    // With streaming on, Azure sends no answer at all for a throwing handler (azure-functions-nodejs-library#324).
    if (options.httpStream) options.log(`'${match.target.name}' threw: with enableHttpStream Azure would send this caller no answer; catch in the handler.`);
    // runLogged wrote the error to the host log; the caller gets nothing internal.
    return sendError(req, res, 500, "internal", "The function failed. See the host log for details.");
  }
  if (overLimit()) return tooLarge(req, res);
  await writeResponse(req, res, result);
}

/**
 * The handler's HttpRequest. Streamed (the app's enableHttpStream): a native Request over the body
 * stream, as the library builds it in Azure (createStreamRequest). Else the body buffered whole.
 */
async function toHttpRequest(
  req: IncomingMessage,
  url: URL,
  method: string,
  params: Record<string, string>,
  options: HostHttpServerOptions,
): Promise<{ request: HttpRequest; overLimit: () => boolean } | "too-large"> {
  const hasBody = method !== "GET" && method !== "HEAD";
  if (hasBody && declaredOverLimit(req, options.bodyLimit)) return "too-large";
  const headers = flattenHeaders(req.headers);
  if (hasBody && options.httpStream) {
    const streamed = streamBody(req, options.bodyLimit);
    const nativeRequest = new Request(url, { method, headers, body: streamed.body, duplex: "half" } as RequestInit);
    // HttpRequestInit does not list nativeRequest, but the library's constructor takes it (and so builds streamed requests).
    const init: HttpRequestInit & { nativeRequest: Request } = { nativeRequest, params };
    return { request: new HttpRequest(init), overLimit: streamed.overLimit };
  }
  let body: Buffer;
  try {
    body = hasBody ? await bufferBody(req, options.bodyLimit) : Buffer.alloc(0);
  } catch (e) {
    if (e instanceof RequestBodyTooLargeError) return "too-large";
    throw e;
  }
  const init: HttpRequestInit = { url: url.toString(), method, headers, params, query: Object.fromEntries(url.searchParams) };
  return { request: new HttpRequest(body.length > 0 ? { ...init, body: { bytes: body } } : init), overLimit: () => false };
}

async function runAdmin(req: IncomingMessage, res: ServerResponse, name: string, options: HostHttpServerOptions): Promise<void> {
  let body: Buffer;
  try {
    body = await bufferBody(req, options.bodyLimit);
  } catch (e) {
    if (e instanceof RequestBodyTooLargeError) return tooLarge(req, res);
    throw e;
  }
  let input = "";
  if (body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return sendError(req, res, 400, "invalid-json", 'The body must be JSON like {"input": "..."}.');
    }
    const value = (parsed as { input?: unknown } | null)?.input;
    input = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  }
  if (!options.runAdmin(name, input)) return sendError(req, res, 404, "not-found", `No non-HTTP function is named "${name}".`);
  closeIfBodyUnread(req, res);
  res.writeHead(202).end();
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, result: HttpResponseInit | HttpResponse | undefined): Promise<void> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
  const payload = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, key) => res.setHeader(key, value));
  const cookies = response.cookies.map((c) => `${c.name}=${c.value}${c.path ? `; Path=${c.path}` : ""}${c.httpOnly ? "; HttpOnly" : ""}`);
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  closeIfBodyUnread(req, res);
  res.writeHead(response.status).end(payload);
}

/** The Functions host's answer to a missing or wrong key: 401 with no body. */
function unauthorized(req: IncomingMessage, res: ServerResponse): void {
  closeIfBodyUnread(req, res);
  res.writeHead(401, { "Content-Length": "0" }).end();
}

/** Kestrel's answer to a body over the host's limit: 413 with no body; the rest of the body is not read. */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  closeIfBodyUnread(req, res);
  res.writeHead(413, { "Content-Length": "0" }).end();
}

function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, allow?: string[]): void {
  closeIfBodyUnread(req, res);
  if (allow) res.setHeader("Allow", allow.join(", "));
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { code, message } }));
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
