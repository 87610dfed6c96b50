import { randomUUID } from "node:crypto";
import { ExceptionRegister } from "../../../../shared/audit/exception-register";
import { FIX_STEP_NAMES, type StepName } from "../../../../shared/domain/types";
import type { MessageQueue, SendOptions } from "../../../../shared/queue/message-queue";
import type { RemediationDeps } from "../../../../shared/remediation/remediation-deps";
import type { RemediationRecord } from "../../../../shared/remediation/remediation-record";
import type { StageMessage } from "../../../../shared/remediation/stage-message";
import { EventTrail } from "../../../../shared/store/event-trail";
import { IdempotencyKeys } from "../../../../shared/store/idempotency-keys";
import { RequestStore } from "../../../../shared/store/request-store";
import { AutomationBudget } from "../../../../shared/store/automation-budget";
import { SettingLocks } from "../../../../shared/store/setting-locks";
import { TenantRegistry } from "../../../../shared/store/tenant-registry";
import { resolveTenantPolicy } from "../../../../shared/domain/tenant-policy";
import { FakeTenant } from "./fake-tenant";

/** A queue that keeps what was sent, for the test to deliver by hand. */
export class CapturingQueue implements MessageQueue {
  sent: Array<{ body: StageMessage; options: SendOptions }> = [];
  async send(_queue: string, body: unknown, options: SendOptions): Promise<void> {
    this.sent.push({ body: body as StageMessage, options });
  }
  async close(): Promise<void> {}
  take(): { body: StageMessage; options: SendOptions } | undefined {
    return this.sent.shift();
  }
}

export function connectionString(): string {
  const cs = process.env.AZURITE_CONNECTION_STRING;
  if (!cs) throw new Error("AZURITE_CONNECTION_STRING is not set: run the tests through vitest's global setup.");
  return cs;
}

export interface Harness {
  deps: RemediationDeps;
  tenant: FakeTenant;
  queue: CapturingQueue;
  tenantId: string;
  clock: { now: Date };
  /** The operators' directory: every address of each operator by object id; one missing cannot be read. */
  operators: Map<string, string[]>;
}

/** Real stores on the shared Azurite, a fake tenant behind the gateway port, a pinned clock and jitter. */
export async function buildHarness(): Promise<Harness> {
  const cs = connectionString();
  const tenant = new FakeTenant();
  const queue = new CapturingQueue();
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const tenants = await TenantRegistry.open(cs);
  await tenants.put({ tenantId, displayName: tenantId, domains: [`${tenantId}.example`], policy: resolveTenantPolicy({ allowTenantWideChanges: true, autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"] }) }, new Date());
  const clock = { now: new Date("2026-11-27T10:00:00Z") };
  const operators = new Map<string, string[]>();
  const deps: RemediationDeps = {
    requests: await RequestStore.open(cs),
    events: await EventTrail.open(cs),
    tenants,
    idempotency: await IdempotencyKeys.open(cs),
    exceptions: await ExceptionRegister.open(cs),
    settingLocks: await SettingLocks.open(cs),
    budget: await AutomationBudget.open(cs),
    queue,
    gateways: { forTenant: (id) => tenant.gateways(id) },
    notify: async () => {},
    retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxTotalMs: 3_600_000 },
    operatorDirectory: { addressesOf: async (oid) => operators.get(oid) ?? Promise.reject(new Error(`no operator ${oid}`)) },
    leaseMs: 30_000,
    verifyWindowMs: 24 * 3_600_000,
    // Each read moves time on by a millisecond, so events keep their real order.
    now: () => (clock.now = new Date(clock.now.getTime() + 1)),
    random: () => 0.5,
    log: { info() {}, warn() {}, error() {} },
  };
  return { deps, tenant, queue, tenantId, clock, operators };
}

/** Stores a request already diagnosed, whose plan is `steps`, waiting for its first step message. */
export async function storePlannedRequest(h: Harness, steps: readonly StepName[], mailbox = "printer@contoso.com"): Promise<RemediationRecord> {
  const first = steps[0];
  if (!first) throw new Error("a plan needs a step");
  const now = h.clock.now.toISOString();
  const record: RemediationRecord = {
    id: randomUUID(),
    tenantId: h.tenantId,
    mailbox,
    userId: "u1",
    mode: "apply",
    source: "api",
    requestedBy: { oid: "0a11ce00-0000-4000-a000-000000000001", upn: "alice@msp.example" },
    status: "running",
    steps: FIX_STEP_NAMES.map((name) => ({ name, status: steps.includes(name) ? "pending" : "skipped", attempts: 0 })),
    stage: first,
    next: { stage: first, phase: "run", attempt: 1 },
    diagnoseAttempts: 1,
    createdAt: now,
    updatedAt: now,
  };
  await h.deps.requests.create(record);
  return record;
}
