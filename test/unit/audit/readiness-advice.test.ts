import { describe, expect, it } from "vitest";
import { phrase } from "../../../shared/audit/report-phrases";

// Microsoft: "Don't create new App Access Policies" (New-ApplicationAccessPolicy reference) and
// smtp.hve.mx.microsoft is HVE's recommended endpoint, smtp-hve.office365.com "will be deprecated".
describe("readiness advice as Microsoft documents it today", () => {
  it.each(["en", "bg"] as const)("limits Graph sendMail with RBAC for Applications, never a new application access policy (%s)", (locale) => {
    const text = phrase("why.application", locale);
    expect(text).toContain("RBAC for Applications");
    expect(text).not.toMatch(/limited to this mailbox by an application access policy|с политика за достъп на приложения/);
  });

  it.each(["en", "bg"] as const)("sends High Volume Email to smtp.hve.mx.microsoft (%s)", (locale) => {
    const text = phrase("why.high-volume", locale, { signIns: 900, days: 30, addresses: 3 });
    expect(text).toContain("smtp.hve.mx.microsoft");
    expect(text).not.toContain("smtp-hve.office365.com");
  });
});
