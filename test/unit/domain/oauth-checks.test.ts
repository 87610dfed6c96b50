import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../../shared/domain/diagnose";
import { known, unknown } from "../../../shared/domain/layer";
import { oauthCauseIdentified, oauthChecks, withOAuthSuggestion, type OAuthAppReads, type OAuthCheck } from "../../../shared/domain/oauth-checks";
import { planRemediation } from "../../../shared/domain/plan-remediation";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { BEFORE_RETIREMENT, mailboxWith, policy, withUnread, workingMailbox } from "./support/mailbox-state-builder";

const APP = "5b1e7c3a-2f4d-4e6a-9b8c-0d1e2f3a4b5c";
const status = (checks: OAuthCheck[]) => Object.fromEntries(checks.map((c) => [c.check, c.status]));
const reads = (registration: OAuthAppReads["registration"], mailboxAccess: OAuthAppReads["mailboxAccess"]): OAuthAppReads => ({ appId: APP, registration, mailboxAccess });

describe("the oauth-app path's checks in diagnosis", () => {
  it("is read for an OAuth report, not for a basic-auth one", () => {
    const state = workingMailbox();
    const of = (text: string) => oauthCauseIdentified(diagnose({ text: readErrorText(text), state, now: BEFORE_RETIREMENT }));
    expect(of("AUTH XOAUTH2 → 535 5.7.3 Authentication unsuccessful")).toBe(true);
    expect(of("AADSTS7000215: Invalid client secret provided.")).toBe(true);
    expect(of("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.")).toBe(false);
  });

  it("names a missing registration and access, and SMTP AUTH as the mailbox applies it", () => {
    const checks = oauthChecks(mailboxWith({ mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: true }), reads(known({ right: false, value: "not registered" }), known({ right: false, value: "app not registered in Exchange" })));
    expect(status(checks)).toEqual({ "exchange-service-principal": "missing", "app-mailbox-access": "missing", "mailbox-smtp-auth": "missing" });
    expect(checks.find((c) => c.check === "mailbox-smtp-auth")?.detail).toContain("organisation setting");
    expect(status(oauthChecks(workingMailbox(), reads(known({ right: true, value: "registered" }), known({ right: true, value: "FullAccess" }))))).toEqual({
      "exchange-service-principal": "ok", "app-mailbox-access": "ok", "mailbox-smtp-auth": "ok",
    });
  });

  it("makes a failed read unknown, never missing", () => {
    const checks = oauthChecks(withUnread(workingMailbox(), "mailboxSmtpAuthDisabled"), reads(unknown("401 User is not allowed to call Get-ServicePrincipal"), unknown("401 User is not allowed to call Get-ServicePrincipal")));
    expect(status(checks)).toEqual({ "exchange-service-principal": "unknown", "app-mailbox-access": "unknown", "mailbox-smtp-auth": "unknown" });
    expect(checks[0]?.detail).toContain("Get-ServicePrincipal");
  });

  it("checks only SMTP AUTH without an app id", () => {
    expect(oauthChecks(workingMailbox()).map((c) => c.check)).toEqual(["mailbox-smtp-auth"]);
  });

  it("suggests the oauth-app path naming what is missing and what was unread, in the plan's language", () => {
    const state = workingMailbox();
    const plan = planRemediation(diagnose({ text: readErrorText("AUTH XOAUTH2 → 535 5.7.3 Authentication unsuccessful"), state, now: BEFORE_RETIREMENT }), state, policy());
    const checks: OAuthCheck[] = [
      { check: "exchange-service-principal", status: "missing", detail: "" },
      { check: "app-mailbox-access", status: "unknown", detail: "" },
      { check: "mailbox-smtp-auth", status: "ok", detail: "" },
    ];
    const guidance = withOAuthSuggestion(plan, checks, APP).attention?.guidance ?? [];
    expect(guidance[0]).toBe(`Move this sender with the oauth-app path (POST /api/remediations with "path": "oauth-app" and "appId": "${APP}"): it would add what is missing: exchange-service-principal.`);
    expect(guidance[1]).toContain("Could not read these checks of the oauth-app path: app-mailbox-access");
    const bg = withOAuthSuggestion(planRemediation(diagnose({ text: readErrorText("AUTH XOAUTH2 → 535 5.7.3"), state, now: BEFORE_RETIREMENT }), state, policy({ locale: "bg" })), checks, undefined);
    expect(bg.attention?.guidance.slice(0, 3).join(" ")).toMatch(/липсващото: exchange-service-principal.*POST \/api\/diagnose/s);
  });

  it("adds words only: never a step, a refusal or another outcome, whatever the checks say", () => {
    const CHECK = fc.record({ check: fc.constantFrom("exchange-service-principal" as const, "app-mailbox-access" as const, "mailbox-smtp-auth" as const), status: fc.constantFrom("ok" as const, "missing" as const, "unknown" as const), detail: fc.string() });
    const STATE = fc.record({ mailboxSmtpAuthDisabled: fc.constantFrom(true, false, null), securityDefaultsEnabled: fc.boolean(), perUserMfaState: fc.constantFrom("disabled" as const, "enforced" as const) });
    fc.assert(
      fc.property(fc.array(CHECK, { maxLength: 3 }), STATE, fc.option(fc.constant(APP), { nil: undefined }), (checks, layers, appId) => {
        const state = mailboxWith(layers);
        const plan = planRemediation(diagnose({ text: readErrorText("AUTH XOAUTH2 → 535 5.7.3 Authentication unsuccessful"), state, now: BEFORE_RETIREMENT }), state, policy({ allowTenantWideChanges: true }));
        const suggested = withOAuthSuggestion(plan, checks, appId);
        expect({ outcome: suggested.outcome, steps: suggested.steps, refused: suggested.refused, heldBack: suggested.heldBack }).toEqual({ outcome: plan.outcome, steps: plan.steps, refused: plan.refused, heldBack: plan.heldBack });
      }),
      { numRuns: 200, seed: 20261207 },
    );
  });
});
