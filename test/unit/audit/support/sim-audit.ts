import { randomUUID } from "node:crypto";
import path from "node:path";
import { startSimulator } from "../../../../dev/sim/start-simulator";
import type { RunningSimulator } from "../../../../dev/sim/start-simulator";
import type { AuditEvent, AuditNotification } from "../../../../shared/audit/audit-ports";
import { AuditRunStore } from "../../../../shared/audit/audit-run-store";
import { ExceptionRegister } from "../../../../shared/audit/exception-register";
import type { RecordExceptionInput } from "../../../../shared/audit/exception-record";
import { runAudit } from "../../../../shared/audit/run-audit";
import type { RunAuditResult } from "../../../../shared/audit/run-audit";
import { resolveTenantPolicy } from "../../../../shared/domain/tenant-policy";
import type { TenantPolicy } from "../../../../shared/domain/types";
import { createM365GatewayFactory } from "../../../../shared/m365/gateway-factory";
import type { M365GatewayFactory } from "../../../../shared/m365/m365-gateway";
import { simControl } from "../../../contract/sim-harness";

/**
 * The audit against a simulator of its own (faults and calls are simulator-wide) with the
 * production Graph and Exchange clients and Azurite-backed stores. Needs NODE_EXTRA_CA_CERTS,
 * which Node reads only at start: the test global setup sets it before forking workers.
 */
export class SimAudit {
  readonly notes: AuditNotification[] = [];
  readonly events: AuditEvent[] = [];
  private runCount = 0;

  private constructor(
    readonly sim: RunningSimulator,
    private readonly gateways: M365GatewayFactory,
    readonly exceptions: ExceptionRegister,
    readonly runs: AuditRunStore,
  ) {}

  static async start(storage: string): Promise<SimAudit> {
    const trusted = process.env.NODE_EXTRA_CA_CERTS;
    // The machine may set NODE_EXTRA_CA_CERTS to the system bundle; only a simulator cert.pem will do.
    if (!trusted || path.basename(trusted) !== "cert.pem") throw new Error("NODE_EXTRA_CA_CERTS must name the simulator's cert.pem from process start (test global setup).");
    const sim = await startSimulator({ port: 0, smtpPort: 0, certDir: process.env.SIM_CERT_DIR ?? path.dirname(trusted) });
    const gateways = createM365GatewayFactory(
      { M365_AUTHORITY_HOST: sim.baseUrl, GRAPH_BASE_URL: sim.baseUrl, EXCHANGE_BASE_URL: sim.baseUrl, M365_CLIENT_ID: "sim-client", M365_CLIENT_SECRET: "sim-secret", M365_TIMEOUT_MS: 10_000 },
      { policy: { sleep: async () => {} } },
    );
    return new SimAudit(sim, gateways, await ExceptionRegister.open(storage), await AuditRunStore.open(storage));
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  /** A fresh simulated tenant with `mailboxes` generated mailboxes and the given flags. */
  async tenant(body: Record<string, unknown> = {}): Promise<{ tenantId: string; domain: string }> {
    const tenantId = randomUUID();
    const domain = `t${tenantId.slice(0, 8)}.example.com`;
    await this.control("POST", "/_sim/tenants", { tenantId, domain, mailboxes: 5, ...body });
    return { tenantId, domain };
  }

  mailbox(tenantId: string, upn: string, settings: Record<string, unknown>): Promise<unknown> {
    return this.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${encodeURIComponent(upn)}`, settings);
  }

  patchTenant(tenantId: string, flags: Record<string, unknown>): Promise<unknown> {
    return this.control("PATCH", `/_sim/tenants/${tenantId}`, flags);
  }

  /** An exception as the step worker records it, with a ticket; `daysAgo` granted, 180 days' life. */
  async grant(tenantId: string, subject: string, parts: Partial<RecordExceptionInput> & { daysAgo?: number } = {}): Promise<void> {
    const { daysAgo = 1, ...rest } = parts;
    const grantedAt = new Date(Date.now() - daysAgo * 86_400_000);
    await this.exceptions.record({
      tenantId,
      subject,
      setting: "mailbox-smtp-auth",
      valueApplied: "false",
      requestId: `req-${randomUUID().slice(0, 8)}`,
      ticket: { system: "zendesk", id: `Z-${subject}` },
      grantedAt,
      expiresAt: new Date(grantedAt.getTime() + 180 * 86_400_000),
      ...rest,
    });
  }

  /** One audit run of a tenant with a new run id. */
  async audit(tenantId: string, policy: Partial<TenantPolicy> = {}): Promise<RunAuditResult> {
    this.runCount += 1;
    const requestedAt = new Date(Date.now() + this.runCount);
    return runAudit(
      { tenantId, runId: `run-${this.runCount}`, requestedAt: requestedAt.toISOString(), policy: resolveTenantPolicy(policy) },
      {
        gateways: this.gateways.forTenant(tenantId),
        exceptions: this.exceptions,
        runs: this.runs,
        enqueueNote: async (note) => void this.notes.push(note),
        recordEvent: async (event) => void this.events.push(event),
      },
    );
  }

  control<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
    return simControl<T>(this.sim.baseUrl, method, route, body);
  }
}

/** "type subject" for each finding, for compact assertions. */
export function found(result: RunAuditResult): string[] {
  return result.results.findings.map((f) => `${f.type} ${f.subject}`).sort();
}
