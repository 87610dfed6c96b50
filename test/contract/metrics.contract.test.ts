import { metrics } from "@opentelemetry/api";
import { MeterProvider, MetricReader, type DataPoint, type Histogram } from "@opentelemetry/sdk-metrics";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppServices, type AppServices } from "../../shared/app-services";
import { getAuditService } from "../../shared/audit/audit-service-from-app";
import { loadSettings } from "../../shared/config/settings";
import { acceptRemediation } from "../../shared/remediation/accept-remediation";
import { handleStageMessage } from "../../shared/remediation/handle-stage-message";
import { onboardTenant } from "../../shared/remediation/onboard-tenant";
import { verifiedDomainsReader } from "../../shared/remediation/read-verified-domains";
import type { RemediationDeps } from "../../shared/remediation/remediation-deps";
import { verifyFixes } from "../../shared/remediation/verify-fixes";
import { appMetrics } from "../../shared/telemetry/metrics";
import { CapturingQueue } from "../unit/remediation/support/worker-harness";
import { useContractSim } from "./sim-harness";

/** Collects on demand: the test reads what an exporter would be handed. */
class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/**
 * The operator's metrics as an SDK started after the app's modules loaded sees them (as in Azure,
 * where startTelemetry runs on the first invocation): remediation outcomes and calls, each tenant
 * audit's duration and calls, verification outcomes, with `work` telling the calls apart.
 */
describe("metrics through an SDK started after the app loaded", () => {
  const sim = useContractSim();
  const reader = new CollectingReader();
  const tracing = new NodeTracerProvider();
  let services: AppServices;
  let deps: RemediationDeps;
  let queue: CapturingQueue;
  let tenantId: string;
  let mailbox: string;

  beforeAll(async () => {
    appMetrics().m365Calls.add(1); // taken before any SDK: must not stay a no-op once one starts
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    tracing.register(); // the context the call tally rides on, as the SDK sets it up
    const tenant = await sim().createTenant({ mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true });
    tenantId = tenant.tenantId;
    mailbox = `scanner@${tenant.domain}`;
    await sim().control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${mailbox}`, { smtpClientAuthenticationDisabled: true, perUserMfaState: "disabled", licensed: true });
    const settings = loadSettings({ AzureWebJobsStorage: process.env.AZURITE_CONNECTION_STRING, QUEUE_TRANSPORT: "local", WEBHOOK_SEALING_SECRET: "contract-test-sealing-secret-0123456789", ...Object.fromEntries(Object.entries(sim().settings()).map(([k, v]) => [k, String(v)])) });
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    services = await buildAppServices(settings, quiet);
    queue = new CapturingQueue();
    deps = { ...services.remediation, queue, notify: async () => {} };
    await onboardTenant(tenantId, { domains: [tenant.domain], policy: { deviceAccounts: [mailbox] } }, { registry: services.tenants, readVerifiedDomains: verifiedDomainsReader(services.gateways) }, new Date());
  });
  afterAll(async () => {
    metrics.disable();
    await tracing.shutdown();
  });

  async function points(name: string): Promise<DataPoint<number | Histogram>[]> {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).filter((m) => m.descriptor.name === name).flatMap((m) => m.dataPoints as DataPoint<number | Histogram>[]);
  }
  const sumWhere = async (name: string, attributes: Record<string, string>) =>
    (await points(name)).filter((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v)).reduce((n, p) => n + (p.value as number), 0);

  it("counts a remediation's outcome, time to fix and calls, as remediation work", async () => {
    const { record } = await acceptRemediation({ mailbox, errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." }, { source: "api" }, deps);
    for (let sent = queue.take(), n = 0; sent; sent = queue.take(), n++) {
      expect(n, "the request never settled").toBeLessThan(20);
      await handleStageMessage(sent.body, deps);
    }
    expect((await deps.requests.get(record.id))?.record.status).toBe("succeeded");
    expect(await sumWhere("remediation.outcomes", { outcome: "succeeded" })).toBe(1);
    const timeToFix = (await points("remediation.time_to_fix")).map((p) => (p.value as Histogram).count);
    expect(timeToFix).toEqual([1]);
    expect(await sumWhere("m365.calls", { work: "remediation", outcome: "ok" })).toBeGreaterThan(5);
  });

  it("records each tenant audit's duration and calls, and the calls it made as audit work", async () => {
    const before = await sumWhere("m365.calls", { work: "audit" });
    const audit = await getAuditService(services);
    const result = await audit.auditTenant({ tenantId, runId: "metrics-run", requestedAt: new Date().toISOString() });
    expect(result?.run.status).toBe("completed");
    const [duration] = (await points("audit.duration")).filter((p) => p.attributes.outcome === "completed");
    expect((duration?.value as Histogram).count).toBe(1);
    expect((duration?.value as Histogram).sum).toBeGreaterThan(0);
    const [calls] = (await points("audit.calls")).filter((p) => p.attributes.outcome === "completed");
    const auditCalls = (await sumWhere("m365.calls", { work: "audit" })) - before;
    expect(auditCalls).toBeGreaterThan(3);
    expect((calls?.value as Histogram).sum).toBe(auditCalls);
  });

  it("counts a verification by the status it reached, its sign-in read as verification work", async () => {
    await sim().control("POST", `/_sim/tenants/${tenantId}/sign-ins`, { userPrincipalName: mailbox, ipAddress: "203.0.113.9" });
    const result = await verifyFixes(deps, { pollMs: 0 });
    expect(result).toMatchObject({ checked: 1, changed: 1 });
    expect(await sumWhere("verification.outcomes", { status: "confirmed" })).toBe(1);
    // Azurite is shared with other test files, whose open verifications name tenants this simulator
    // does not know: their reads fail. Ours is the one read that succeeds.
    expect(await sumWhere("m365.calls", { work: "verification", outcome: "ok" })).toBe(1);
  });
});
