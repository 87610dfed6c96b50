import { describe, expect, it } from "vitest";
import { causeOfSignInError } from "../../../shared/domain/sign-in-error-codes";
import { isVerificationOpen, judgeVerification, startVerification, unavailableVerification, verificationChanged } from "../../../shared/domain/verification";

const fixedAt = new Date("2026-12-01T10:00:00.000Z");
const HOUR = 3_600_000;
const at = (minutes: number): string => new Date(fixedAt.getTime() + minutes * 60_000).toISOString();
const later = (minutes: number): Date => new Date(fixedAt.getTime() + minutes * 60_000);
const waiting = startVerification(fixedAt, 24 * HOUR);

describe("judgeVerification", () => {
  it("stays waiting while no sign-in came after the fix, and ignores sign-ins from before it", () => {
    const v = judgeVerification(waiting, [{ at: at(-5), ipAddress: "203.0.113.9", errorCode: 0 }], later(10));
    expect(v).toMatchObject({ status: "waiting", checkedAt: at(10), since: fixedAt.toISOString() });
    expect(v.signIn).toBeUndefined();
  });

  it("confirms with the time and address of a successful sign-in after the fix", () => {
    const v = judgeVerification(waiting, [{ at: at(3), ipAddress: "203.0.113.9", errorCode: 0 }], later(10));
    expect(v).toEqual({ status: "confirmed", since: waiting.since, until: waiting.until, checkedAt: at(10), signIn: { at: at(3), ipAddress: "203.0.113.9" } });
    expect(isVerificationOpen(v)).toBe(false);
  });

  it("calls a wrong password after the fix failing with wrong-credentials, and keeps checking it", () => {
    const v = judgeVerification(waiting, [{ at: at(3), ipAddress: "203.0.113.9", errorCode: 50126 }], later(10));
    expect(v).toMatchObject({ status: "failing", cause: "wrong-credentials", signIn: { at: at(3), errorCode: 50126 } });
    expect(isVerificationOpen(v)).toBe(true);
  });

  it("lets the latest sign-in decide: a failure then a success is confirmed, a success then a failure failing", () => {
    const ok = { at: at(3), ipAddress: "203.0.113.9", errorCode: 0 };
    const bad = { at: at(4), ipAddress: "203.0.113.9", errorCode: 50053 };
    expect(judgeVerification(waiting, [bad, { ...ok, at: at(5) }], later(10)).status).toBe("confirmed");
    expect(judgeVerification(waiting, [ok, bad], later(10))).toMatchObject({ status: "failing", cause: "account-locked" });
  });

  it("is not-seen only once the window has passed with no sign-in (one ms before: still waiting)", () => {
    expect(judgeVerification(waiting, [], new Date(Date.parse(waiting.until) - 1)).status).toBe("waiting");
    expect(judgeVerification(waiting, [], new Date(waiting.until)).status).toBe("not-seen");
  });

  it("keeps a failing fix failing past the window and stops checking it", () => {
    const failing = judgeVerification(waiting, [{ at: at(3), ipAddress: "x", errorCode: 53003 }], later(10));
    const closed = judgeVerification(failing, [], new Date(waiting.until));
    expect(closed).toMatchObject({ status: "failing", cause: "conditional-access-blocks-legacy-auth" });
    expect(isVerificationOpen(closed)).toBe(false);
  });

  it("leaves a settled verification alone", () => {
    const unavailable = unavailableVerification(waiting, "no P1", later(1));
    expect(judgeVerification(unavailable, [{ at: at(3), ipAddress: "x", errorCode: 0 }], later(10))).toBe(unavailable);
  });

  it("counts a new cause as news, the same cause again as not", () => {
    const a = judgeVerification(waiting, [{ at: at(3), ipAddress: "x", errorCode: 50126 }], later(10));
    const b = judgeVerification(a, [{ at: at(12), ipAddress: "x", errorCode: 50126 }], later(20));
    const c = judgeVerification(b, [{ at: at(22), ipAddress: "x", errorCode: 50053 }], later(30));
    expect([verificationChanged(waiting, a), verificationChanged(a, b), verificationChanged(b, c)]).toEqual([true, false, true]);
  });
});

describe("causeOfSignInError", () => {
  it.each([
    [50126, "wrong-credentials"],
    [50053, "account-locked"],
    [50057, "account-disabled"],
    [50076, "per-user-mfa-enforced"],
    [50079, "per-user-mfa-enforced"],
    [53003, "conditional-access-blocks-legacy-auth"],
    [50034, "mailbox-not-found"],
    [12345, "unknown"],
  ])("maps %i to %s", (code, cause) => {
    expect(causeOfSignInError(code)).toBe(cause);
  });
});
