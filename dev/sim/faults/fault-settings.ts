/** Faults the control API switches on (`PUT /_sim/faults`). */
export interface FaultSettings {
  /** Latency of every Graph and Exchange call, unless the service's own latency below is set. */
  latencyMs: number;
  /** Latency of each Graph call (Microsoft: 100–300 ms); defaults to latencyMs. */
  graphLatencyMs: number;
  /** Latency of each Exchange InvokeCommand (Microsoft: 1–2 s); defaults to latencyMs. */
  exchangeLatencyMs: number;
  /** Token bucket per tenant: this many requests per 10 s, refilled continuously. */
  throttle: { requestsPer10s: number } | null;
  /** Share (0..1) of Graph/Exchange calls that fail with a transient error. */
  errorRate: number;
  /** How long a write made through Graph or Exchange stays invisible to reads. */
  propagationDelayMs: number;
  /** How long an Exchange @odata.nextLink stays valid. */
  pagingLinkTtlMs: number;
  /** How long a sign-in stays out of /auditLogs/signIns after it happened (Entra's log lags by minutes). */
  signInLogDelayMs: number;
}

/** A malformed `PUT /_sim/faults` body; becomes a 400. */
export class InvalidFaultSettingsError extends Error {
  override readonly name = "InvalidFaultSettingsError";
}

/** Exchange's pagination links live 30 minutes. */
export const DEFAULT_PAGING_LINK_TTL_MS = 30 * 60 * 1000;

/** No faults at all. */
export function noFaults(): FaultSettings {
  return { latencyMs: 0, graphLatencyMs: 0, exchangeLatencyMs: 0, throttle: null, errorRate: 0, propagationDelayMs: 0, pagingLinkTtlMs: DEFAULT_PAGING_LINK_TTL_MS, signInLogDelayMs: 0 };
}

/** Reads a `PUT /_sim/faults` body; throws a message for the 400 when a field is malformed. */
export function parseFaultSettings(body: unknown): FaultSettings {
  const settings = noFaults();
  if (body === null || body === undefined) return settings;
  if (typeof body !== "object" || Array.isArray(body)) throw new InvalidFaultSettingsError("faults must be a JSON object");
  const input = body as Record<string, unknown>;
  settings.latencyMs = nonNegative(input, "latencyMs", 0);
  settings.graphLatencyMs = nonNegative(input, "graphLatencyMs", settings.latencyMs);
  settings.exchangeLatencyMs = nonNegative(input, "exchangeLatencyMs", settings.latencyMs);
  settings.errorRate = nonNegative(input, "errorRate", 0);
  if (settings.errorRate > 1) throw new InvalidFaultSettingsError("errorRate must be between 0 and 1");
  settings.propagationDelayMs = nonNegative(input, "propagationDelayMs", 0);
  settings.pagingLinkTtlMs = nonNegative(input, "pagingLinkTtlMs", DEFAULT_PAGING_LINK_TTL_MS);
  settings.signInLogDelayMs = nonNegative(input, "signInLogDelayMs", 0);
  if (input.throttle !== undefined && input.throttle !== null) {
    const throttle = input.throttle as Record<string, unknown>;
    const requestsPer10s = nonNegative(throttle, "requestsPer10s", 0);
    if (requestsPer10s < 1) throw new InvalidFaultSettingsError("throttle.requestsPer10s must be at least 1");
    settings.throttle = { requestsPer10s };
  }
  return settings;
}

function nonNegative(input: Record<string, unknown>, key: string, fallback: number): number {
  const value = input[key];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidFaultSettingsError(`${key} must be a non-negative number`);
  }
  return value;
}
