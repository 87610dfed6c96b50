import { describe, expect, it } from "vitest";
import { blockingUndo, undoRefusal, undoSteps, weakeningUndoSteps } from "../../../shared/remediation/plan-undo";
import type { RemediationRecord, StepRecord } from "../../../shared/remediation/remediation-record";
import { STEPS } from "../../../shared/steps";

const AT = "2026-12-07T00:00:00.000Z";

function request(steps: StepRecord[], fields: Partial<RemediationRecord> = {}): RemediationRecord {
  return { id: "r1", tenantId: "t1", mailbox: "scanner@contoso.example", mode: "apply", source: "api", status: "succeeded", steps, stage: "done", diagnoseAttempts: 1, createdAt: AT, updatedAt: AT, ...fields };
}

const changed = (name: StepRecord["name"], before: string, after: string): StepRecord => ({ name, status: "succeeded", attempts: 1, before, after, applied: true });
const skipped = (name: StepRecord["name"]): StepRecord => ({ name, status: "skipped", attempts: 0, reason: "Already right." });

describe("undoRefusal", () => {
  const fixed = request([changed("disable-security-defaults", "enabled", "disabled"), changed("enable-mailbox-smtp-auth", "disabled", "enabled"), skipped("disable-per-user-mfa")]);

  it("allows a finished request that changed something", () => {
    expect(undoRefusal(fixed, null)).toBeNull();
    expect(undoRefusal({ ...fixed, status: "failed" }, null)).toBeNull();
  });

  it.each([
    ["queued", "UNDO_NOT_FINISHED"],
    ["running", "UNDO_NOT_FINISHED"],
    ["awaiting-approval", "UNDO_NOT_FINISHED"],
  ] as const)("refuses a request that is %s with %s", (status, code) => {
    expect(undoRefusal({ ...fixed, status }, null)?.code).toBe(code);
  });

  it("refuses a request that changed nothing, plan mode and nothing-to-do alike", () => {
    expect(undoRefusal(request([skipped("disable-security-defaults"), skipped("enable-mailbox-smtp-auth")]), null)).toMatchObject({ code: "UNDO_NOTHING_CHANGED", status: 409 });
    expect(undoRefusal(request([], { status: "planned", mode: "plan" }), null)?.code).toBe("UNDO_NOTHING_CHANGED");
  });

  it("refuses a second undo while the first still stands, and an undo of an undo", () => {
    const undo = request([], { id: "u1", undoOf: "r1", status: "running" });
    expect(undoRefusal({ ...fixed, undoneBy: "u1" }, { id: "u1", status: "running" })).toMatchObject({ code: "ALREADY_UNDONE", status: 409 });
    expect(undoRefusal({ ...undo, status: "succeeded", steps: fixed.steps }, null)?.code).toBe("UNDO_NOT_POSSIBLE");
  });
});

describe("undoSteps", () => {
  it("lists every changed step newest first with the value it restores", () => {
    const original = request([changed("disable-security-defaults", "enabled", "disabled"), skipped("enable-mailbox-smtp-auth"), changed("disable-per-user-mfa", "enabled", "disabled")]);
    expect(undoSteps(original).map((s) => [s.name, s.status, s.restore, s.planned])).toEqual([
      ["disable-per-user-mfa", "pending", { before: "enabled" }, { before: "disabled", after: "enabled" }],
      ["disable-security-defaults", "pending", { before: "enabled" }, { before: "disabled", after: "enabled" }],
    ]);
  });

  it("carries a step's undo data (ids of what it created) and includes a write that may not have landed", () => {
    const unsure: StepRecord = { name: "enable-mailbox-smtp-auth", status: "failed", attempts: 5, before: "follows organisation (disabled)", applied: true, undoData: { id: "x" } };
    expect(undoSteps(request([unsure], { status: "failed" }))).toEqual([
      expect.objectContaining({ name: "enable-mailbox-smtp-auth", restore: { before: "follows organisation (disabled)", data: { id: "x" } }, planned: { before: "enabled", after: "follows organisation" } }),
    ]);
  });
});

describe("weakeningUndoSteps", () => {
  it("finds none among the three weakening steps: each undo restores protection", () => {
    expect(weakeningUndoSteps([{ name: "disable-security-defaults" }, { name: "enable-mailbox-smtp-auth" }, { name: "disable-per-user-mfa" }])).toEqual([]);
  });

  it("a move's undo: removing what it created tightens, re-opening SMTP AUTH after its retirement weakens", () => {
    expect(weakeningUndoSteps([{ name: "retire-basic-auth" }, { name: "create-hve-account" }, { name: "create-relay-connector" }, { name: "grant-app-mailbox-access" }, { name: "register-exchange-service-principal" }])).toEqual(["retire-basic-auth"]);
  });

  it("carries the objects a move created to the undo step, which removes them", () => {
    const created = [{ kind: "hve-account" as const, id: "hve-scanner@contoso.example" }];
    const move = request([{ ...changed("create-hve-account", "absent", "exists"), created }, skipped("check-hve-billing-policy"), changed("retire-basic-auth", "enabled", "disabled")]);
    expect(undoRefusal(move, null)).toBeNull();
    expect(undoSteps(move)).toMatchObject([
      { name: "retire-basic-auth", restore: { before: "enabled" }, planned: { before: "disabled", after: "enabled" } },
      { name: "create-hve-account", restore: { before: "absent", created }, planned: { before: "exists", after: "removed" } },
    ]);
  });

  it("counts an undo that does not say it tightens as weakening (fail closed)", () => {
    const undo = STEPS["enable-mailbox-smtp-auth"].undo!;
    const defs = { ...STEPS, "enable-mailbox-smtp-auth": { ...STEPS["enable-mailbox-smtp-auth"], undo: { ...undo, effect: "weakens" as const } }, "disable-per-user-mfa": { ...STEPS["disable-per-user-mfa"], undo: undefined } };
    expect(weakeningUndoSteps([{ name: "disable-security-defaults" }, { name: "enable-mailbox-smtp-auth" }, { name: "disable-per-user-mfa" }], defs)).toEqual(["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
  });
});

describe("blockingUndo", () => {
  const now = new Date("2026-12-07T00:01:00.000Z");
  const claimed = { undoneBy: "u1", undoRequestedAt: "2026-12-07T00:00:50.000Z" };

  it("is the undo while it stands, and nothing once it failed or was rejected", () => {
    expect(blockingUndo(claimed, request([], { id: "u1", status: "succeeded" }), now, 30_000)).toEqual({ id: "u1", status: "succeeded" });
    expect(blockingUndo(claimed, request([], { id: "u1", status: "failed" }), now, 30_000)).toBeNull();
    expect(blockingUndo(claimed, request([], { id: "u1", status: "rejected" }), now, 30_000)).toBeNull();
    expect(blockingUndo({}, null, now, 30_000)).toBeNull();
  });

  it("counts a fresh claim whose request is not stored yet, not one a crash left behind", () => {
    expect(blockingUndo(claimed, null, now, 30_000)).toEqual({ id: "u1", status: "being created" });
    expect(blockingUndo(claimed, null, now, 5_000)).toBeNull();
  });
});
