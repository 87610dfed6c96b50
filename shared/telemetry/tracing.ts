import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

/**
 * Spans and trace context through the OpenTelemetry API. Without a registered SDK (tests that do not
 * ask for one, a local run without OTEL_EXPORTER_OTLP_ENDPOINT) every call here is a no-op.
 * Attributes carry ids only: request, tenant, ticket, stage, operation. Never a token, secret,
 * password, error text from a ticket or a Microsoft 365 reply body.
 */
const tracer = trace.getTracer("smtp-auth-remediation");

/** The application property that carries W3C trace context through a queue message. */
export const TRACEPARENT = "traceparent";

/** Runs `work` in a new span, child of the active one; a throw marks the span failed with the error's kind only. */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: failureName(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** A Microsoft 365 call as a client span. */
export function inClientSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return inSpan(name, attributes, work, SpanKind.CLIENT);
}

/** The active trace context as queue message application properties (`traceparent`, and `tracestate` if any). */
export function traceProperties(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `work` as part of the trace a message's application properties carry (or a new one). */
export function withMessageContext<T>(applicationProperties: unknown, work: () => Promise<T>): Promise<T> {
  const carrier: Record<string, string> = {};
  if (applicationProperties && typeof applicationProperties === "object") {
    for (const [key, value] of Object.entries(applicationProperties)) if (typeof value === "string") carrier[key] = value;
  }
  return context.with(propagation.extract(context.active(), carrier), work);
}

/** What a failed span says: the error's class and kind, never its message (it may quote a ticket). */
function failureName(e: unknown): string {
  const { name, kind, code, status } = (e ?? {}) as { name?: unknown; kind?: unknown; code?: unknown; status?: unknown };
  return [name, kind, status, code].filter((part) => typeof part === "string" || typeof part === "number").join(" ") || "error";
}
