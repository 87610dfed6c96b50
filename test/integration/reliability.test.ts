import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

/** A fleet of devices the tenant lets the product fix on its own: SMTP flag and per-user MFA, all of today's batch. */
const DEVICE_FLEET_POLICY = (allowTenantWideChanges: boolean) => ({ allowTenantWideChanges, autoApprove: ["enable-mailbox-smtp-auth", "disable-per-user-mfa"], deviceAccounts: ["device*@*"], maxAutomaticPerDay: 1000 });

/** Creates a simulated tenant whose `count` device mailboxes are blocked by the mailbox flag and per-user MFA. */
async function seedBlockedTenant(stack: LocalStack, tenantId: string, count: number, options: { securityDefaults?: boolean; allowTenantWideChanges?: boolean } = {}): Promise<string[]> {
  const domain = `${tenantId}.example`;
  await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, mailboxes: 0, securityDefaults: options.securityDefaults ?? false, orgSmtpAuthDisabled: true } });
  const mailboxes = Array.from({ length: count }, (_, i) => `device${String(i).padStart(2, "0")}@${domain}`);
  await Promise.all(mailboxes.map((upn) => stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced", licensed: true } })));
  await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: DEVICE_FLEET_POLICY(options.allowTenantWideChanges ?? false) } });
  return mailboxes;
}

async function postAll(stack: LocalStack, mailboxes: string[]): Promise<string[]> {
  const responses = await Promise.all(mailboxes.map((mailbox) => stack.api("/api/remediations", { method: "POST", body: { mailbox } })));
  expect(responses.map((r) => r.status)).toEqual(mailboxes.map(() => 202));
  return responses.map((r) => r.body.id as string);
}

async function expectFixed(stack: LocalStack, tenantId: string, mailboxes: string[]): Promise<void> {
  for (const upn of mailboxes) {
    const m = await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`);
    expect(m.body, upn).toMatchObject({ smtpClientAuthenticationDisabled: false, perUserMfaState: "disabled" });
  }
}

interface LoggedCall {
  at: string;
  receivedAt: string;
  operation: string;
  status: number;
  tenantId: string | null;
  retryAfterMs?: number;
  target?: string;
}

/**
 * Calls per operation to one tenant since the log was last cleared: the totals of `GET /_sim/calls`
 * count every tenant, and an earlier test's batch may still be finishing on a slow machine.
 */
async function callsTo(stack: LocalStack, tenantId: string): Promise<Record<string, number>> {
  const log = (await stack.simApi(`/_sim/calls?log=1&tenantId=${tenantId}`)).body.log as LoggedCall[];
  const counts: Record<string, number> = {};
  for (const call of log) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

/** Requests that concern one user or mailbox: no other request of the batch sends the same one. */
const ONE_ACCOUNT = /\/users\/[^/?\s]+|"Identity"/;

/**
 * The same request sent again before the Retry-After of the 429 it got had run out: the client can
 * only send it again after reading that 429, so this is causal, whatever the load. Any call arriving
 * within a Retry-After may have been sent before its 429 was read (on a loaded machine hundreds of ms
 * pass between a client's send and the simulator's read), so other calls say nothing; the gateway's
 * contract test checks that calls after a 429 wait (test/contract/exchange.contract.test.ts).
 */
function retriedBeforeRetryAfter(log: LoggedCall[]): string[] {
  const early: string[] = [];
  for (const throttled of log.filter((c) => c.status === 429 && c.retryAfterMs && c.target && ONE_ACCOUNT.test(c.target))) {
    const from = Date.parse(throttled.at);
    const until = from + throttled.retryAfterMs!;
    for (const call of log) {
      const at = Date.parse(call.receivedAt);
      if (call.tenantId === throttled.tenantId && call.target === throttled.target && at > from && at < until) {
        early.push(`${call.receivedAt} ${call.target}: ${at - from} ms after its 429 at ${throttled.at} that said ${throttled.retryAfterMs} ms`);
      }
    }
  }
  return [...new Set(early)];
}

describe("reliable step execution against a misbehaving Microsoft 365", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ settings: { LOCAL_QUEUE_LOCK_SECONDS: "3", STEP_LEASE_MS: "3000" } });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("accepts and fixes every request of a batch of 30 under 30% transient errors and throttling", async () => {
    const mailboxes = await seedBlockedTenant(stack, "faulty", 30);
    await stack.simApi("/_sim/faults", { method: "PUT", body: { errorRate: 0.3, throttle: { requestsPer10s: 150 } } });
    try {
      const ids = await postAll(stack, mailboxes);
      // One poller at a time: thirty concurrent ones load the process the simulator runs in, whose
      // call log then stamps calls sent before a 429 as arriving well after it.
      const done = [];
      // The tenant's throttle (150 calls in 10 s) sets the pace, not the CPU: about two minutes for the batch's calls.
      for (const id of ids) done.push(await waitForTerminal(stack, id, 360_000));
      const unfinished = done.filter((d) => d.status !== "succeeded").map((d) => ({ status: d.status, reason: d.reason, unknown: d.diagnosis.unknownLayers }));
      const log = (await stack.simApi("/_sim/calls?log=1&tenantId=faulty")).body.log as LoggedCall[];
      // Both at once, so a client that retried early shows that, not only the requests it wore out.
      expect({ unfinished, retriedEarly: retriedBeforeRetryAfter(log) }).toEqual({ unfinished: [], retriedEarly: [] });
      expect(log.filter((c) => c.status === 429).length).toBeGreaterThan(0); // the faults really were in force
      expect(log.filter((c) => c.status >= 500).length).toBeGreaterThan(0);
      expect(log.filter((c) => c.status === 429 && c.target && ONE_ACCOUNT.test(c.target)).length).toBeGreaterThan(0); // and hit single-account requests
    } finally {
      await stack.simApi("/_sim/faults", { method: "PUT", body: {} });
    }
    await expectFixed(stack, "faulty", mailboxes);
  }, 420_000);

  it("waits for a write that Microsoft 365 shows only later, and never sends it twice", async () => {
    const mailboxes = await seedBlockedTenant(stack, "slow-exchange", 3);
    await stack.simApi("/_sim/faults", { method: "PUT", body: { propagationDelayMs: 1_500 } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    try {
      const ids = await postAll(stack, mailboxes);
      const done = await Promise.all(ids.map((id) => waitForTerminal(stack, id, 60_000)));
      expect(done.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
      const calls = await callsTo(stack, "slow-exchange");
      expect(calls["InvokeCommand Set-CASMailbox"]).toBe(3);
      expect(calls["PATCH /beta/users/{id}/authentication/requirements"]).toBe(3);
      // Each write was read back more than once: the first read-back came before the change showed.
      expect(done.every((d) => d.steps.some((s: any) => s.status === "succeeded" && s.attempts > 1))).toBe(true);
    } finally {
      await stack.simApi("/_sim/faults", { method: "PUT", body: {} });
    }
    await expectFixed(stack, "slow-exchange", mailboxes);
  }, 90_000);

  it("fails at once, naming the permission, when the app may not change per-user MFA", async () => {
    const [mailbox] = await seedBlockedTenant(stack, "no-mfa-write", 1);
    await stack.simApi("/_sim/tenants/no-mfa-write", { method: "PATCH", body: { deniedPermissions: ["Policy.ReadWrite.AuthenticationMethod"] } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const started = Date.now();
    const [id] = await postAll(stack, [mailbox!]);
    const done = await waitForTerminal(stack, id!);
    expect(done.status).toBe("failed");
    expect(done.reason).toContain("Policy.ReadWrite.AuthenticationMethod");
    expect(Date.now() - started).toBeLessThan(10_000);
    const calls = await callsTo(stack, "no-mfa-write");
    expect(calls["PATCH /beta/users/{id}/authentication/requirements"]).toBe(1);
    // The step before it stays applied and on record: the mailbox flag was changed, MFA was not.
    expect(done.steps.find((s: any) => s.name === "enable-mailbox-smtp-auth").status).toBe("succeeded");
    expect(done.steps.find((s: any) => s.name === "disable-per-user-mfa").status).toBe("failed");
  });

  it("survives a host killed in the middle of an approved batch: every request ends succeeded, no change applied twice, the trail complete", async () => {
    const mailboxes = await seedBlockedTenant(stack, "crashy", 20, { securityDefaults: true, allowTenantWideChanges: true });
    const approver = await stack.signIn({ upn: "second.person@msp.example", roles: ["Remediation.Approve"] });
    await stack.simApi("/_sim/faults", { method: "PUT", body: { latencyMs: 60 } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    try {
      const ids = await postAll(stack, mailboxes);
      // Security defaults never go off on their own: the whole batch waits, then a second person approves it at once.
      const waiting = await Promise.all(ids.map((id) => waitForTerminal(stack, id, 120_000)));
      expect(waiting.map((d) => d.status)).toEqual(ids.map(() => "awaiting-approval"));
      const approvals = await Promise.all(ids.map((id) => approver.api(`/api/remediations/${id}/approve`, { method: "POST", body: {} })));
      expect(approvals.map((a) => a.status)).toEqual(ids.map(() => 200));
      // Let the batch get going, then pull the plug.
      const deadline = Date.now() + 20_000;
      let writesBeforeKill = 0;
      while (writesBeforeKill < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        writesBeforeKill = (await callsTo(stack, "crashy"))["InvokeCommand Set-CASMailbox"] ?? 0;
      }
      await stack.restartHost(); // SIGKILL, then a fresh host on the same Azurite and simulator
      expect(writesBeforeKill).toBeGreaterThanOrEqual(3);
      expect(writesBeforeKill).toBeLessThan(20); // the kill came in the middle of the batch
      const done = await Promise.all(ids.map((id) => waitForTerminal(stack, id, 120_000)));
      expect(done.map((d) => d.status)).toEqual(ids.map(() => "succeeded"));

      const calls = await callsTo(stack, "crashy");
      expect(calls["PATCH /v1.0/policies/identitySecurityDefaultsEnforcementPolicy"]).toBe(1);
      expect(calls["InvokeCommand Set-CASMailbox"]).toBe(20);
      expect(calls["PATCH /beta/users/{id}/authentication/requirements"]).toBe(20);

      let securityDefaultChanges = 0;
      for (const d of done) {
        const trail = await stack.api(`/api/remediations/${d.id}/events`);
        const changes = (trail.body.events as Array<{ kind: string; setting: string }>).filter((e) => e.kind === "tenant-changed").map((e) => e.setting);
        securityDefaultChanges += changes.filter((s) => s === "security-defaults").length;
        expect(changes.filter((s) => s !== "security-defaults").sort()).toEqual(["mailbox-smtp-auth", "per-user-mfa"]);
      }
      expect(securityDefaultChanges).toBe(1);
    } finally {
      await stack.simApi("/_sim/faults", { method: "PUT", body: {} });
    }
    await expectFixed(stack, "crashy", mailboxes);
    const tenant = await stack.simApi("/_sim/tenants/crashy");
    expect(tenant.body.securityDefaults).toBe(false);
  }, 240_000);
});
