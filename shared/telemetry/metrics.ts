import { metrics, type Counter, type Histogram, type MeterProvider } from "@opentelemetry/api";

/**
 * The operator's numbers (see infra/workbook.json). Attributes stay low in cardinality: outcome,
 * service, operation, work; never a mailbox or a tenant.
 */
export interface AppMetrics {
  /** Requests that reached a status, by `outcome` (succeeded, failed, needs-attention, ...). */
  remediationOutcomes: Counter;
  /** From acceptance to the final status. */
  timeToFix: Histogram;
  /** From acceptance to a person's approval or rejection. */
  approvalWait: Histogram;
  /** Every Graph and Exchange attempt, by `service`, `operation`, `outcome` (ok or the error kind) and `work`. */
  m365Calls: Counter;
  /** Time a call waited at its tenant's throttle gate for a Retry-After to pass. */
  throttleWait: Histogram;
  /** One tenant's audit, from its first read to its stored results, by `outcome`. */
  auditDuration: Histogram;
  /** Graph and Exchange attempts one tenant's audit made, by `outcome`. */
  auditCalls: Histogram;
  /** Verifications that changed, by the `status` they reached (confirmed, still-failing, not-seen, unavailable). */
  verificationOutcomes: Counter;
}

let bound: { provider: MeterProvider; instruments: AppMetrics } | undefined;

/**
 * The instruments of the process's meter provider. The metrics API has no proxy provider: a meter
 * taken before the SDK starts (at module load, say) stays a no-op for good, so the instruments are
 * made from the provider in force when first used, and again if it changes.
 */
export function appMetrics(): AppMetrics {
  const provider = metrics.getMeterProvider();
  if (bound?.provider !== provider) bound = { provider, instruments: instrumentsOf(provider) };
  return bound.instruments;
}

function instrumentsOf(provider: MeterProvider): AppMetrics {
  const meter = provider.getMeter("smtp-auth-remediation");
  return {
    remediationOutcomes: meter.createCounter("remediation.outcomes", { description: "Remediation requests by status reached" }),
    timeToFix: meter.createHistogram("remediation.time_to_fix", { unit: "s", description: "Time from acceptance to the final status" }),
    approvalWait: meter.createHistogram("remediation.approval_wait", { unit: "s", description: "Time a request waited for a person" }),
    m365Calls: meter.createCounter("m365.calls", { description: "Graph and Exchange attempts" }),
    throttleWait: meter.createHistogram("m365.throttle_wait", { unit: "ms", description: "Waits for a tenant's Retry-After" }),
    auditDuration: meter.createHistogram("audit.duration", { unit: "s", description: "One tenant's audit, start to stored results" }),
    auditCalls: meter.createHistogram("audit.calls", { description: "Microsoft 365 calls one tenant's audit made" }),
    verificationOutcomes: meter.createCounter("verification.outcomes", { description: "Fix verifications by the status they reached" }),
  };
}
