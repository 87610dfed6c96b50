import { metrics } from "@opentelemetry/api";

/**
 * The operator's numbers (see infra/workbook.json). No-ops until an SDK is registered. Attributes
 * stay low in cardinality: outcome, service, operation; never a mailbox.
 */
const meter = metrics.getMeter("smtp-auth-remediation");

export const remediationMetrics = {
  /** Requests that reached a final status, by `outcome` (succeeded, failed, needs-attention, ...). */
  outcomes: meter.createCounter("remediation.outcomes", { description: "Remediation requests by final status" }),
  /** From acceptance to the final status. */
  timeToFix: meter.createHistogram("remediation.time_to_fix", { unit: "s", description: "Time from acceptance to the final status" }),
  /** From acceptance to a person's approval or rejection. */
  approvalWait: meter.createHistogram("remediation.approval_wait", { unit: "s", description: "Time a request waited for a person" }),
};

export const m365Metrics = {
  /** Every Graph and Exchange attempt, by `service`, `operation` and `outcome` (ok or the error kind). */
  calls: meter.createCounter("m365.calls", { description: "Graph and Exchange attempts" }),
  /** Time a call waited at its tenant's throttle gate for a Retry-After to pass. */
  throttleWait: meter.createHistogram("m365.throttle_wait", { unit: "ms", description: "Waits for a tenant's Retry-After" }),
};
