import { describe, expect, it } from "vitest";
import { diagnose } from "../../../shared/domain/diagnose";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { isAmbiguous, signInReading, withSignInReading } from "../../../shared/domain/sign-in-reading";

const at = (minute: number): string => `2026-12-01T10:${String(minute).padStart(2, "0")}:00Z`;

describe("diagnosis from the sign-in log", () => {
  it("calls a missing, unrecognised, weak or split text ambiguous, and Microsoft's exact reply not", () => {
    expect(isAmbiguous(undefined)).toBe(true);
    expect(isAmbiguous(readErrorText("the printer does not send"))).toBe(true);
    expect(isAmbiguous(readErrorText("535 5.7.3 Authentication unsuccessful"))).toBe(true);
    expect(isAmbiguous(readErrorText("535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully."))).toBe(true);
    expect(isAmbiguous(readErrorText("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox."))).toBe(false);
  });

  it("names the cause of the latest failure, with its code, time and address as evidence, and nothing once the device signed in after it", () => {
    const failed = { at: at(1), ipAddress: "203.0.113.9", errorCode: 53003 };
    expect(signInReading([failed])?.causes[0]).toMatchObject({ id: "conditional-access-blocks-legacy-auth", evidence: expect.stringContaining("error 53003") });
    expect(signInReading([failed, { at: at(2), ipAddress: "203.0.113.9", errorCode: 0 }])).toBeUndefined();
    expect(signInReading([])).toBeUndefined();
  });

  it("decides between the causes a generic reply leaves open", () => {
    const text = readErrorText("535 5.7.3 Authentication unsuccessful");
    const log = signInReading([{ at: at(1), ipAddress: "203.0.113.9", errorCode: 50126 }]);
    const merged = withSignInReading(text, log);
    expect(merged?.causes[0]?.id).toBe("wrong-credentials");
    const diagnosis = diagnose({ text: merged, now: new Date("2026-12-01T11:00:00Z") });
    expect(diagnosis.causes[0]).toMatchObject({ id: "wrong-credentials", verdict: "possible" });
    expect(diagnosis.causes[0]?.evidence).toEqual(["error text: 535 5.7.3 Authentication unsuccessful", expect.stringMatching(/^sign-in log: .*error 50126$/)]);
  });

  it("stands alone when there is no text at all", () => {
    const merged = withSignInReading(undefined, signInReading([{ at: at(1), ipAddress: "198.51.100.1", errorCode: 50053 }]));
    expect(merged?.causes[0]?.id).toBe("account-locked");
    expect(merged?.authMethod).toBe("basic");
  });
});
