import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { AppError, isAppError } from "../shared/errors/app-error";

/** A self-contained report page: inline styles and images only, nothing else may load. */
export function htmlPageResponse(body: string): HttpResponseInit {
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
    body,
  };
}

type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Wraps an HTTP handler once: catalogue errors become their 4xx with `{"error":{"code","message"}}`,
 * anything else is logged and answered with a generic 500 that leaks nothing.
 */
export function withHttpErrors(handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (e) {
      if (isAppError(e)) return { status: e.status, jsonBody: e.toBody(), ...(e.headers ? { headers: e.headers } : {}) };
      context.error(`${context.functionName} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { status: 500, jsonBody: new AppError("INTERNAL").toBody() };
    }
  };
}
