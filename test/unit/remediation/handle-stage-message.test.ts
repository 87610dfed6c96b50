import { beforeEach, describe, expect, it } from "vitest";
import type { ExceptionRegister } from "../../../shared/audit/exception-register";
import { M365Error } from "../../../shared/m365/m365-error";
import { handleStageMessage } from "../../../shared/remediation/handle-stage-message";
import type { RemediationRecord } from "../../../shared/remediation/remediation-record";
import { PoisonMessageError, type StageMessage } from "../../../shared/remediation/stage-message";
import { buildHarness, storePlannedRequest, type Harness } from "./support/worker-harness";

/** Delivers queued messages one by one, as the broker would, until none is left. */
async function drain(h: Harness, limit = 50): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < limit; i++) {
    const m = h.queue.take();
    if (!m) return outcomes;
    h.clock.now = new Date(h.clock.now.getTime() + (m.options.delayMs ?? 0));
    outcomes.push(await handleStageMessage(m.body, h.deps));
  }
  throw new Error("the request never settled");
}

function nextMessage(record: RemediationRecord): StageMessage {
  if (!record.next) throw new Error("the request waits for no message");
  return { requestId: record.id, ...record.next };
}

async function load(h: Harness, id: string) {
  const found = await h.deps.requests.get(id);
  if (!found) throw new Error("request vanished");
  return found.record;
}

describe("handleStageMessage", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await buildHarness();
  });

  it("writes nothing when the tenant became read-only after the plan: the request ends planned with the reason", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
    const tenant = await h.deps.tenants.get(h.tenantId);
    if (!tenant) throw new Error("no tenant");
    await h.deps.tenants.put({ ...tenant, access: "read-only" }, new Date());
    await h.deps.queue.send("remediation-steps", nextMessage(record), { messageId: "m1" });
    await drain(h);
    const done = await load(h, record.id);
    expect(done.status).toBe("planned");
    expect(done.reason).toContain("onboarded read-only");
    expect(h.tenant.writes).toEqual([]);
  });

  it("runs the planned steps in the seed's order and ends succeeded with each value verified", async () => {
    const record = await storePlannedRequest(h, ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
    await h.deps.queue.send("remediation-steps", nextMessage(record), { messageId: "m1" });
    await drain(h);
    const done = await load(h, record.id);
    expect(done.status).toBe("succeeded");
    expect(h.tenant.writes).toEqual(["security-defaults", "mailbox-smtp-auth", "per-user-mfa"]);
    expect(done.steps.map((s) => [s.name, s.status, s.before, s.after])).toEqual([
      ["disable-security-defaults", "succeeded", "enabled", "disabled"],
      ["enable-mailbox-smtp-auth", "succeeded", "disabled", "enabled"],
      ["disable-per-user-mfa", "succeeded", "enforced", "disabled"],
    ]);
    const changes = await h.deps.events.tenantChanges(h.tenantId);
    expect(changes.map((e) => [e.setting, e.before, e.after, e.requestedBy])).toEqual([
      ["security-defaults", "enabled", "disabled", "alice@msp.example (oid 0a11ce00-0000-4000-a000-000000000001)"],
      ["mailbox-smtp-auth", "disabled", "enabled", "alice@msp.example (oid 0a11ce00-0000-4000-a000-000000000001)"],
      ["per-user-mfa", "enforced", "disabled", "alice@msp.example (oid 0a11ce00-0000-4000-a000-000000000001)"],
    ]);
    const exceptions = await (h.deps.exceptions as ExceptionRegister).list(h.tenantId);
    expect(exceptions.map((e) => [e.setting, e.subject, e.requestId])).toEqual(
      expect.arrayContaining([
        ["security-defaults", "tenant", record.id],
        ["mailbox-smtp-auth", "printer@contoso.com", record.id],
        ["per-user-mfa", "printer@contoso.com", record.id],
      ]),
    );
  });

  it("applies once when the same message is delivered twice at the same moment", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    const message = nextMessage(record);
    const outcomes = await Promise.all([handleStageMessage(message, h.deps), handleStageMessage(message, h.deps)]);
    expect(outcomes.sort()).toEqual(["ran", "waiting"]);
    await drain(h);
    expect(h.tenant.writes).toEqual(["mailbox-smtp-auth"]);
    expect((await load(h, record.id)).status).toBe("succeeded");
  });

  it("lets a request naming the mailbox by an alias wait for one naming its UPN: the mailbox is locked by its user, and written once", async () => {
    const byUpn = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    const byAlias = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"], "boss@contoso.com");
    await Promise.all([handleStageMessage(nextMessage(byUpn), h.deps), handleStageMessage(nextMessage(byAlias), h.deps)]);
    await drain(h);
    expect(h.tenant.writes).toEqual(["mailbox-smtp-auth"]);
    const steps = [await load(h, byUpn.id), await load(h, byAlias.id)].map((r) => r.steps.find((s) => s.name === "enable-mailbox-smtp-auth")?.status);
    expect(steps.sort()).toEqual(["skipped", "succeeded"]);
  });

  it("lets two requests that need the same tenant-wide change take turns: one writes, the other finds it done", async () => {
    const a = await storePlannedRequest(h, ["disable-security-defaults"]);
    const b = await storePlannedRequest(h, ["disable-security-defaults"]);
    await Promise.all([handleStageMessage(nextMessage(a), h.deps), handleStageMessage(nextMessage(b), h.deps)]);
    await drain(h);
    expect(h.tenant.writes).toEqual(["security-defaults"]);
    const steps = [await load(h, a.id), await load(h, b.id)].map((r) => {
      expect(r.status).toBe("succeeded");
      return r.steps.find((s) => s.name === "disable-security-defaults")?.status;
    });
    expect(steps.sort()).toEqual(["skipped", "succeeded"]);
  });

  it("does not write again when a crash came after the write: the redelivery verifies and records once", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    // The first worker recorded its intent, sent the write, and died holding the lease.
    const step = record.steps.find((s) => s.name === "enable-mailbox-smtp-auth")!;
    Object.assign(step, { status: "running", attempts: 1, before: "disabled" });
    record.lease = { until: new Date(h.clock.now.getTime() + 30_000).toISOString() };
    const stored = await h.deps.requests.get(record.id);
    await h.deps.requests.update(record, stored!.etag, stored!.record.status);
    h.tenant.mailboxSmtpAuthDisabled = false;

    expect(await handleStageMessage(nextMessage(record), h.deps)).toBe("waiting"); // the lease still holds
    await drain(h); // the waiting copy comes back after the lease and finds the write done
    const done = await load(h, record.id);
    expect(done.status).toBe("succeeded");
    expect(h.tenant.writes).toEqual([]);
    expect((await h.deps.events.tenantChanges(h.tenantId)).length).toBe(1);
  });

  it("reads a write that is not yet visible again later, without writing it twice", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    h.tenant.propagationReads = 2;
    await h.deps.queue.send("remediation-steps", nextMessage(record), { messageId: "m1" });
    await drain(h);
    const done = await load(h, record.id);
    expect(done.status).toBe("succeeded");
    expect(h.tenant.writes).toEqual(["mailbox-smtp-auth"]);
    expect(done.steps.find((s) => s.name === "enable-mailbox-smtp-auth")?.attempts).toBeGreaterThan(1);
  });

  it("re-schedules a throttled step no sooner than Retry-After and records the attempt", async () => {
    const record = await storePlannedRequest(h, ["disable-security-defaults"]);
    h.tenant.failNext.push(new M365Error("Too many requests", { kind: "throttled", service: "graph", operation: "GET policy", retryAfterMs: 9_000 }));
    await handleStageMessage(nextMessage(record), h.deps);
    const retry = h.queue.sent[0];
    expect(retry?.body).toMatchObject({ stage: "disable-security-defaults", attempt: 2 });
    expect(retry?.options.delayMs).toBeGreaterThanOrEqual(9_000);
    expect((await load(h, record.id)).steps[0]).toMatchObject({ status: "retrying", attempts: 1 });
    await drain(h);
    expect((await load(h, record.id)).status).toBe("succeeded");
  });

  it("fails at once on a missing permission and names it", async () => {
    const record = await storePlannedRequest(h, ["disable-per-user-mfa"]);
    h.tenant.failNext.push(
      new M365Error("Insufficient privileges to complete the operation.", { kind: "permanent", service: "graph", operation: "GET mfa", status: 403, permission: "Policy.ReadWrite.AuthenticationMethod" }),
    );
    await handleStageMessage(nextMessage(record), h.deps);
    const done = await load(h, record.id);
    expect(done.status).toBe("failed");
    expect(done.reason).toContain("Policy.ReadWrite.AuthenticationMethod");
    expect(h.queue.sent).toEqual([]);
  });

  const denied = new M365Error("denied", { kind: "permanent", service: "graph", operation: "graph.listRoleAssignments", status: 403, permission: "RoleManagement.Read.Directory" });
  it.each([
    ["turn off MFA for a user who became privileged after the plan", "disable-per-user-mfa", (t: Harness["tenant"]): void => { t.roles = ["Global Administrator"]; }, "privileged-user", "Global Administrator"],
    ["turn on SMTP AUTH for a user who became privileged after the plan", "enable-mailbox-smtp-auth", (t: Harness["tenant"]): void => { t.roles = ["Exchange Administrator"]; }, "privileged-user", "Exchange Administrator"],
    ["write when the privilege re-check cannot read the roles", "enable-mailbox-smtp-auth", (t: Harness["tenant"]): void => { t.roleReadError = denied; }, "privilege-unknown", "RoleManagement.Read.Directory"],
    ["write when the address now resolves to another user's mailbox (an alias moved)", "enable-mailbox-smtp-auth", (t: Harness["tenant"]): void => { t.mailboxOwner = "u2"; }, "account-changed", "(u1)"],
  ] as const)("refuses to %s", async (_what, step, change, code, named) => {
    const record = await storePlannedRequest(h, [step]);
    change(h.tenant);
    await handleStageMessage(nextMessage(record), h.deps);
    const done = await load(h, record.id);
    expect(done.status).toBe("needs-attention");
    expect(done.steps.find((s) => s.name === step)?.refused).toMatchObject({ code, reason: expect.stringContaining(named) });
    expect(h.tenant.writes).toEqual([]);
  });

  it("refuses to weaken an account that one of its aliases made protected after the plan, and writes nothing", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    const tenant = await h.deps.tenants.get(h.tenantId);
    if (!tenant) throw new Error("no tenant");
    await h.deps.tenants.put({ ...tenant, policy: { ...tenant.policy, protectedAccounts: ["boss@contoso.com"] } }, new Date());
    h.tenant.proxyAddresses = ["SMTP:printer@contoso.com", "smtp:boss@contoso.com"];
    await handleStageMessage(nextMessage(record), h.deps);
    const done = await load(h, record.id);
    expect(done.status).toBe("needs-attention");
    expect(done.steps.find((s) => s.name === "enable-mailbox-smtp-auth")?.refused).toMatchObject({ code: "protected-account", reason: expect.stringContaining("printer@contoso.com") });
    expect(h.tenant.writes).toEqual([]);
  });

  it("reads the mailbox once per attempt: the account check shares the step's Get-CASMailbox, and a failure of it is one failed attempt", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    h.tenant.failNext.push(new M365Error("busy", { kind: "transient", service: "exchange", operation: "exchange.getCasMailbox", status: 503 }));
    await handleStageMessage(nextMessage(record), h.deps);
    expect([h.tenant.casReads, h.tenant.writes]).toEqual([1, []]);
    await drain(h);
    // The retry's check read, then the read-back after the write.
    expect([h.tenant.casReads, h.tenant.writes, (await load(h, record.id)).status]).toEqual([3, ["mailbox-smtp-auth"], "succeeded"]);
  });

  it("retries a weakening step whose privilege re-check failed transiently, and writes nothing meanwhile", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    h.tenant.roleReadError = new M365Error("busy", { kind: "transient", service: "graph", operation: "graph.listRoleEligibilities", status: 503 });
    await handleStageMessage(nextMessage(record), h.deps);
    const waiting = await load(h, record.id);
    expect(waiting.status).toBe("running");
    expect(waiting.steps.find((s) => s.name === "enable-mailbox-smtp-auth")?.status).toBe("retrying");
    expect(h.tenant.writes).toEqual([]);
  });

  it("drops a message for an attempt the request no longer waits for", async () => {
    const record = await storePlannedRequest(h, ["disable-security-defaults"]);
    expect(await handleStageMessage({ ...nextMessage(record), attempt: 3 }, h.deps)).toBe("stale");
    expect(h.tenant.writes).toEqual([]);
  });

  it("treats a message of the wrong shape or for an unknown request as poison", async () => {
    await expect(handleStageMessage({ hello: "world" }, h.deps)).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(handleStageMessage({ requestId: "nope", stage: "diagnose", phase: "run", attempt: 1 }, h.deps)).rejects.toBeInstanceOf(PoisonMessageError);
  });
});
