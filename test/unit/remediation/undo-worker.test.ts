import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Operator } from "../../../shared/auth/operator";
import { M365Error } from "../../../shared/m365/m365-error";
import { decideApproval } from "../../../shared/remediation/decide-approval";
import { handleStageMessage } from "../../../shared/remediation/handle-stage-message";
import type { RemediationRecord } from "../../../shared/remediation/remediation-record";
import { requestUndo } from "../../../shared/remediation/request-undo";
import { STEPS } from "../../../shared/steps";
import { buildHarness, storePlannedRequest, type Harness } from "./support/worker-harness";

const REQUESTER = { oid: "0a11ce00-0000-4000-a000-000000000002", upn: "ops@msp.example" };
const APPROVER: Operator = { oid: "0a11ce00-0000-4000-a000-000000000003", upn: "second@msp.example", roles: ["Remediation.Approve"], groups: [], addresses: ["second@msp.example"] };

async function drain(h: Harness, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const m = h.queue.take();
    if (!m) return;
    h.clock.now = new Date(h.clock.now.getTime() + (m.options.delayMs ?? 0));
    await handleStageMessage(m.body, h.deps);
  }
  throw new Error("the request never settled");
}

async function load(h: Harness, id: string): Promise<RemediationRecord> {
  const found = await h.deps.requests.get(id);
  if (!found) throw new Error("request vanished");
  return found.record;
}

/** A request that turned all three settings off in the fake tenant, as the worker runs it. */
async function fixedRequest(h: Harness): Promise<RemediationRecord> {
  const record = await storePlannedRequest(h, ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
  if (!record.next) throw new Error("no first message");
  await h.deps.queue.send("remediation-steps", { requestId: record.id, ...record.next }, { messageId: "m1" });
  await drain(h);
  const done = await load(h, record.id);
  expect(done.status).toBe("succeeded");
  h.tenant.writes = [];
  return done;
}

describe("an undo request through the step worker", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await buildHarness();
  });

  it("writes each before-value back newest first, retrying a throttled read like any step", async () => {
    const original = await fixedRequest(h);
    const undo = await requestUndo(original.id, REQUESTER, h.deps);
    h.tenant.failNext.push(new M365Error("throttled", { kind: "throttled", service: "graph", operation: "GET /users", retryAfterMs: 2_000 }));
    await drain(h);
    const done = await load(h, undo.id);
    expect(done.status).toBe("succeeded");
    expect(h.tenant.writes).toEqual(["per-user-mfa", "mailbox-smtp-auth", "security-defaults"]);
    expect([h.tenant.mfa, h.tenant.mailboxSmtpAuthDisabled, h.tenant.securityDefaults]).toEqual(["enforced", true, true]);
    expect(done.steps[0]?.attempts).toBe(2);
    expect((await load(h, original.id)).undoneBy).toBe(undo.id);
  });

  it("lets only one of two undos asked for at once through", async () => {
    const original = await fixedRequest(h);
    const results = await Promise.allSettled([requestUndo(original.id, REQUESTER, h.deps), requestUndo(original.id, REQUESTER, h.deps)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "ALREADY_UNDONE" });
  });

  it("holds an undo that would lower protection for a second person, then runs exactly what was approved", async () => {
    const original = await fixedRequest(h);
    const real = STEPS["enable-mailbox-smtp-auth"];
    // A step whose undo weakens (as undoing a move off basic auth would), for this test only.
    STEPS["enable-mailbox-smtp-auth"] = { ...real, undo: { ...real.undo!, effect: "weakens" } };
    try {
      const undo = await requestUndo(original.id, REQUESTER, h.deps);
      await drain(h);
      const waiting = await load(h, undo.id);
      expect(waiting.status).toBe("awaiting-approval");
      expect(waiting.approvalRequest?.plan.steps).toEqual(["enable-mailbox-smtp-auth"]);
      expect(h.tenant.writes).toEqual([]);

      await decideApproval(undo.id, "approved", {}, APPROVER, h.deps);
      await drain(h);
      const done = await load(h, undo.id);
      expect(done.status).toBe("succeeded");
      expect(done.policyDecision).toEqual({ verdict: "approved" });
      expect(h.tenant.writes).toEqual(["per-user-mfa", "mailbox-smtp-auth", "security-defaults"]);
    } finally {
      STEPS["enable-mailbox-smtp-auth"] = real;
    }
  });

  it("undoing a retirement of basic auth re-opens SMTP AUTH only after a second person approves, and registers it as an exception", async () => {
    h.tenant.mailboxSmtpAuthDisabled = false;
    const at = h.clock.now.toISOString();
    const retire: RemediationRecord = {
      id: randomUUID(), tenantId: h.tenantId, mailbox: "printer@contoso.com", userId: "u1", mode: "apply", source: "api", requestedBy: REQUESTER, status: "running",
      steps: [{ name: "retire-basic-auth", status: "pending", attempts: 0 }], stage: "retire-basic-auth", next: { stage: "retire-basic-auth", phase: "run", attempt: 1 }, diagnoseAttempts: 1, createdAt: at, updatedAt: at,
    };
    await h.deps.requests.create(retire);
    await h.deps.queue.send("remediation-steps", { requestId: retire.id, ...retire.next }, { messageId: "m1" });
    await drain(h);
    expect((await load(h, retire.id)).steps[0]).toMatchObject({ status: "succeeded", before: "enabled", after: "disabled" });

    const undo = await requestUndo(retire.id, REQUESTER, h.deps);
    await drain(h);
    expect((await load(h, undo.id)).status).toBe("awaiting-approval");
    expect(h.tenant.mailboxSmtpAuthDisabled).toBe(true);

    await decideApproval(undo.id, "approved", {}, APPROVER, h.deps);
    await drain(h);
    expect((await load(h, undo.id)).status).toBe("succeeded");
    expect(h.tenant.mailboxSmtpAuthDisabled).toBe(false);
    const exceptions = await h.deps.exceptions.list!(h.tenantId);
    expect(exceptions.filter((e) => e.requestId === undo.id)).toMatchObject([{ setting: "mailbox-smtp-auth", subject: "printer@contoso.com", valueApplied: "enabled" }]);
  });

  it("restores nothing in a read-only tenant: the undo ends planned", async () => {
    const original = await fixedRequest(h);
    const tenant = await h.deps.tenants.get(h.tenantId);
    if (!tenant) throw new Error("no tenant");
    await h.deps.tenants.put({ ...tenant, access: "read-only" }, new Date());
    const undo = await requestUndo(original.id, REQUESTER, h.deps);
    await drain(h);
    expect((await load(h, undo.id)).status).toBe("planned");
    expect(h.tenant.writes).toEqual([]);
  });
});
