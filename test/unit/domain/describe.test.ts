import { describe, expect, it } from "vitest";
import { describeDiagnosis, describePlan } from "../../../shared/domain/describe";
import { diagnose } from "../../../shared/domain/diagnose";
import { planRemediation } from "../../../shared/domain/plan-remediation";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { BEFORE_RETIREMENT, mailboxWith, policy } from "./support/mailbox-state-builder";

const STATE = mailboxWith({ securityDefaultsEnabled: true, mailboxSmtpAuthDisabled: true, perUserMfaState: "enabled" });
const DIAGNOSIS = diagnose({ text: readErrorText("535 5.7.3 Authentication unsuccessful"), state: STATE, now: BEFORE_RETIREMENT });

describe("describePlan", () => {
  it("lists the steps with their risk for a plan that applies", () => {
    const text = describePlan(planRemediation(DIAGNOSIS, STATE, policy({ allowTenantWideChanges: true })));
    expect(text.split("\n")[0]).toBe("Plan: apply these steps");
    expect(text).toContain("1. Turn off Entra ID security defaults");
    expect(text).toContain("2. Turn on authenticated SMTP for this mailbox only");
    expect(text).toContain("Risk: Tenant-wide");
  });

  it("says what a person must do, what was refused and held back, in Bulgarian", () => {
    const text = describePlan(planRemediation(DIAGNOSIS, STATE, policy({ locale: "bg" })));
    expect(text.split("\n")[0]).toBe("План: нужна е намеса от човек");
    expect(text).toContain("Не е приложено:");
    expect(text).toContain("Задържано до намеса от човек: Включване на удостоверен SMTP");
    expect(text).toContain("Какво да се направи:");
    expect(text).toContain("Бележки:");
  });
});

describe("describeDiagnosis", () => {
  it("shows each cause with its verdict and confidence", () => {
    const text = describeDiagnosis(DIAGNOSIS, "en");
    expect(text.split("\n")[0]).toBe("SMTP AUTH is off for the mailbox [smtp-auth-disabled-mailbox] — confirmed, confidence 94%");
    expect(text).toContain("[conditional-access-blocks-legacy-auth] — ruled out, confidence 0%");
  });
});
