import { describe, expect, it } from "vitest";
import { englishReason, reasonCode, requestReasonText } from "../../../shared/domain/request-reasons";

describe("a request's reason as code + parameters", () => {
  const waiting = reasonCode("awaiting-approval", { steps: "disable-security-defaults,enable-mailbox-smtp-auth" }, [
    reasonCode("not-automatic", { steps: "disable-security-defaults", allowed: "enable-mailbox-smtp-auth" }),
    reasonCode("budget-used", { used: 2, max: 2 }),
  ]);

  it("keeps the English text the API has always carried", () => {
    expect(englishReason(waiting)).toBe(
      "Waiting for a second person to approve disable-security-defaults, enable-mailbox-smtp-auth: disable-security-defaults may not run without a person in this tenant (policy autoApprove: enable-mailbox-smtp-auth). This tenant's automatic changes for today are used up (2 of 2, policy maxAutomaticPerDay).",
    );
  });

  it("reads in Bulgarian with the steps in words", () => {
    const bg = requestReasonText(waiting, "bg");
    expect(bg).toContain("Чака втори човек да одобри: изключване на настройките за сигурност по подразбиране (цялата организация), включване на SMTP AUTH за пощенската кутия.");
    expect(bg).toContain("(2 от 2, политика maxAutomaticPerDay)");
    expect(bg).not.toMatch(/Waiting|may not run|used up|disable-security-defaults/);
  });
});
