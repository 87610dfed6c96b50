import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppServices } from "../../shared/app-services";
import { loadSettings } from "../../shared/config/settings";
import { acceptRemediation } from "../../shared/remediation/accept-remediation";
import { handleStageMessage } from "../../shared/remediation/handle-stage-message";
import { onboardTenant } from "../../shared/remediation/onboard-tenant";
import { verifiedDomainsReader } from "../../shared/remediation/read-verified-domains";
import type { RemediationDeps } from "../../shared/remediation/remediation-deps";
import { withMessageContext } from "../../shared/telemetry/tracing";
import { CapturingQueue } from "../unit/remediation/support/worker-harness";
import { useContractSim } from "./sim-harness";

/**
 * One request, one trace: intake, every stage and every Graph/Exchange call, with the trace carried
 * from stage to stage only by the queue message's `traceparent`, as the step worker receives it.
 * Spans go to an in-memory exporter; log lines to an array. Neither may hold a secret.
 */
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const MAILBOX_PASSWORD = "Pr1nter-Passw0rd!";
const WEBHOOK_SECRET = "trace-test-webhook-secret-0123456789abcdef";

describe("tracing a remediation through the worker", () => {
  const sim = useContractSim();
  const lines: string[] = [];
  let deps: RemediationDeps;
  let queue: CapturingQueue;
  let tenantId: string;
  let mailbox: string;

  beforeAll(async () => {
    provider.register();
    const tenant = await sim().createTenant({ mailboxes: 0, securityDefaults: false, orgSmtpAuthDisabled: true });
    tenantId = tenant.tenantId;
    mailbox = `scanner@${tenant.domain}`;
    await sim().control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${mailbox}`, { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true, password: MAILBOX_PASSWORD });
    const settings = loadSettings({ AzureWebJobsStorage: process.env.AZURITE_CONNECTION_STRING, QUEUE_TRANSPORT: "local", WEBHOOK_SEALING_SECRET: "contract-test-sealing-secret-0123456789", WEBHOOK_SECRET_ZENDESK: WEBHOOK_SECRET, ...Object.fromEntries(Object.entries(sim().settings()).map(([k, v]) => [k, String(v)])) });
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const services = await buildAppServices(settings, log);
    queue = new CapturingQueue();
    deps = { ...services.remediation, queue, notify: async () => {} };
    const policy = { autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: [`*@${tenant.domain}`] };
    await onboardTenant(tenantId, { domains: [tenant.domain], policy }, { registry: services.tenants, readVerifiedDomains: verifiedDomainsReader(services.gateways) }, new Date());
  });
  afterAll(async () => provider.shutdown());

  it("is one trace from intake through each stage to each Graph and Exchange call, with their client-request-id", async () => {
    exporter.reset(); // onboarding's own calls are another trace
    lines.length = 0;
    const { record } = await acceptRemediation({ mailbox, errorText: `535 5.7.139 Authentication unsuccessful for ${mailbox}` }, { source: "webhook", verifiedTicket: { system: "zendesk", id: "4182" } }, deps);
    for (let delivered = 0; ; delivered++) {
      const sent = queue.take();
      if (!sent) break;
      expect(delivered, "the request never settled").toBeLessThan(20);
      expect(sent.options.applicationProperties?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      await withMessageContext(sent.options.applicationProperties, () => handleStageMessage(sent.body, deps));
    }
    expect((await deps.requests.get(record.id))?.record.status).toBe("succeeded");

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === "accept remediation")!;
    expect(root.attributes).toMatchObject({ "remediation.request_id": record.id, "remediation.tenant_id": tenantId, "remediation.ticket": "zendesk:4182" });
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([root.spanContext().traceId]));
    const stages = spans.filter((s) => s.name.startsWith("stage "));
    expect(stages.map((s) => s.name)).toEqual(["stage diagnose", "stage enable-mailbox-smtp-auth", "stage disable-per-user-mfa"]);
    const calls = spans.filter((s) => s.name.startsWith("graph ") || s.name.startsWith("exchange "));
    for (const stage of stages) {
      expect(ancestors(stage, spans)).toContain(root);
      expect(calls.filter((c) => ancestors(c, spans).includes(stage)).length, `${stage.name} has no call spans`).toBeGreaterThan(0);
    }
    expect(calls.map((c) => c.name)).toEqual(expect.arrayContaining(["exchange exchange.setCasMailbox", "graph graph.setPerUserMfaState"]));
    for (const call of calls) expect(call.attributes["m365.client_request_id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.includes(`request_id=${record.id}`) && l.includes(`tenant_id=${tenantId}`) && l.includes("ticket=zendesk:4182"))).toBe(true);
  });

  it("puts no secret, token or password in a span or a log line", async () => {
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(10);
    const everything = [...spans.map((s) => JSON.stringify({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })), ...lines].join("\n");
    for (const secret of ["sim-secret", WEBHOOK_SECRET, MAILBOX_PASSWORD]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/); // a JWT: an access token
    expect(everything).not.toMatch(/bearer\s+\S/i);
    expect(everything).not.toContain("5.7.139"); // ticket text stays out of telemetry
  });
});

function ancestors(span: ReadableSpan, all: ReadableSpan[]): ReadableSpan[] {
  const out: ReadableSpan[] = [];
  for (let parentId = span.parentSpanContext?.spanId; parentId; ) {
    const parent = all.find((s) => s.spanContext().spanId === parentId);
    if (!parent) break;
    out.push(parent);
    parentId = parent.parentSpanContext?.spanId;
  }
  return out;
}
