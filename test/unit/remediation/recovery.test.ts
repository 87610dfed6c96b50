import { beforeEach, describe, expect, it } from "vitest";
import { failDeadLetteredRequest } from "../../../shared/remediation/fail-dead-lettered";
import { resumeStuckRequests } from "../../../shared/remediation/resume-stuck-requests";
import { buildHarness, storePlannedRequest, type Harness } from "./support/worker-harness";

describe("recovering requests that stopped", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await buildHarness();
  });

  it("marks a request failed when its stage message was dead-lettered, instead of leaving it running", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
    const outcome = await failDeadLetteredRequest({ requestId: record.id, stage: "enable-mailbox-smtp-auth", phase: "run", attempt: 1 }, "MaxDeliveryCountExceeded", h.deps);
    expect(outcome).toBe("failed");
    const stored = (await h.deps.requests.get(record.id))!.record;
    expect(stored.status).toBe("failed");
    expect(stored.reason).toContain("MaxDeliveryCountExceeded");
    expect(stored.steps.filter((s) => s.name !== "disable-security-defaults").map((s) => s.status)).toEqual(["skipped", "skipped"]);
    expect(stored.next).toBeUndefined();
  });

  it("ignores a dead letter for a request that already ended or that it cannot name", async () => {
    const record = await storePlannedRequest(h, ["enable-mailbox-smtp-auth"]);
    await failDeadLetteredRequest({ requestId: record.id }, "first", h.deps);
    expect(await failDeadLetteredRequest({ requestId: record.id }, "second", h.deps)).toBe("ignored");
    expect((await h.deps.requests.get(record.id))!.record.reason).toContain("first");
    expect(await failDeadLetteredRequest("not json at all", "x", h.deps)).toBe("ignored");
  });

  it("resends the next message of a request that has not moved for longer than the bound", async () => {
    const record = await storePlannedRequest(h, ["disable-security-defaults"]);
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000);
    const result = await resumeStuckRequests(h.deps, 10 * 60_000);
    expect(result.resumed).toBeGreaterThanOrEqual(1);
    const resent = h.queue.sent.find((m) => m.body.requestId === record.id);
    expect(resent?.body).toEqual({ requestId: record.id, stage: "disable-security-defaults", phase: "run", attempt: 1 });
    expect(resent?.options.messageId).toMatch(/:sweep-\d+$/);
  });

  it("leaves alone a request a worker still holds, and one that moved recently", async () => {
    const held = await storePlannedRequest(h, ["disable-security-defaults"]);
    const stored = (await h.deps.requests.get(held.id))!;
    stored.record.lease = { until: new Date(h.clock.now.getTime() + 60 * 60_000).toISOString() };
    await h.deps.requests.update(stored.record, stored.etag, stored.record.status);
    const fresh = await storePlannedRequest(h, ["disable-security-defaults"]);
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000);
    await resumeStuckRequests(h.deps, 60 * 60_000); // nothing is that old
    await resumeStuckRequests(h.deps, 10 * 60_000);
    const resentIds = h.queue.sent.map((m) => m.body.requestId);
    expect(resentIds).not.toContain(held.id);
    expect(resentIds.filter((id) => id === fresh.id)).toHaveLength(1);
  });
});
