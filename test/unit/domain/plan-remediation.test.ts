import { describe, expect, it } from "vitest";
import { diagnose } from "../../../shared/domain/diagnose";
import type { MailboxState } from "../../../shared/domain/mailbox-state";
import { planRemediation, type RemediationPlan } from "../../../shared/domain/plan-remediation";
import { readErrorText } from "../../../shared/domain/read-error-text";
import type { TenantPolicy } from "../../../shared/domain/types";
import { AFTER_RETIREMENT, BEFORE_RETIREMENT, mailboxWith, policy, withUnread, workingMailbox } from "./support/mailbox-state-builder";

const GENERIC = "535 5.7.3 Authentication unsuccessful";
const ALLOW_TENANT_WIDE = policy({ allowTenantWideChanges: true });

function plan(state: MailboxState, text: string | undefined = GENERIC, tenantPolicy: TenantPolicy = policy()): RemediationPlan {
  const diagnosis = diagnose({ ...(text === undefined ? {} : { text: readErrorText(text) }), state, now: BEFORE_RETIREMENT });
  return planRemediation(diagnosis, state, tenantPolicy);
}
const stepNames = (p: RemediationPlan): string[] => p.steps.map((s) => s.name);

describe("planRemediation: steps that fix confirmed causes", () => {
  it("plans all three seed steps in seed order when every layer is wrong and tenant-wide changes are allowed", () => {
    const state = mailboxWith({ securityDefaultsEnabled: true, mailboxSmtpAuthDisabled: true, perUserMfaState: "enforced" });
    const p = plan(state, GENERIC, ALLOW_TENANT_WIDE);
    expect(p.outcome).toBe("apply");
    expect(stepNames(p)).toEqual(["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"]);
    expect(p.steps.every((s) => s.risk.length > 20 && s.reason.length > 10)).toBe(true);
  });

  it("fixes an organisation-wide SMTP AUTH block with the mailbox step only", () => {
    const p = plan(mailboxWith({ mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: true }));
    expect(p.outcome).toBe("apply");
    expect(stepNames(p)).toEqual(["enable-mailbox-smtp-auth"]);
  });

  it("plans no step for a mailbox that works", () => {
    const p = plan(workingMailbox());
    expect(p).toMatchObject({ outcome: "nothing-to-do", steps: [], refused: [], attention: null });
  });

  it("plans nothing that is already right", () => {
    const p = plan(mailboxWith({ perUserMfaState: "enforced" }));
    expect(stepNames(p)).toEqual(["disable-per-user-mfa"]);
  });

  it("does not disable per-user MFA that is only 'enabled', and notes the risk", () => {
    const p = plan(mailboxWith({ perUserMfaState: "enabled", mailboxSmtpAuthDisabled: true }));
    expect(stepNames(p)).toEqual(["enable-mailbox-smtp-auth"]);
    expect(p.notes.join(" ")).toContain("'enabled'");
  });

  it("also fixes the settings behind a 5.7.57 when the device's AUTH failed silently", () => {
    const p = plan(mailboxWith({ mailboxSmtpAuthDisabled: true }), "530 5.7.57 Client not authenticated to send mail.");
    expect(stepNames(p)).toEqual(["enable-mailbox-smtp-auth"]);
  });
});

describe("planRemediation: guardrails", () => {
  it("refuses to turn off per-user MFA for a privileged user and stops for a person", () => {
    const p = plan(mailboxWith({ perUserMfaState: "enforced", privilegedRoles: ["Global Administrator"] }));
    expect(p.outcome).toBe("needs-attention");
    expect(p.steps).toEqual([]);
    expect(p.refused).toEqual([{ step: "disable-per-user-mfa", code: "privileged-user", reason: expect.stringContaining("Global Administrator") }]);
    expect(p.attention?.causes).toEqual(["per-user-mfa-enforced"]);
    expect(p.attention?.guidance.join(" ")).toContain("service account");
  });

  it("turns off per-user MFA for a user who holds no privileged role", () => {
    const p = plan(mailboxWith({ perUserMfaState: "enforced", privilegedRoles: [] }));
    expect(stepNames(p)).toEqual(["disable-per-user-mfa"]);
  });

  it("refuses per-user MFA when the user's privilege could not be settled", () => {
    const p = plan(withUnread(mailboxWith({ perUserMfaState: "enforced" }), "privilegedRoles"));
    expect(p.outcome).toBe("needs-attention");
    expect(p.refused[0]).toMatchObject({ step: "disable-per-user-mfa", code: "privilege-unknown" });
  });

  it("refuses to turn on SMTP AUTH for an administrator's mailbox, even when that is the only step", () => {
    const p = plan(mailboxWith({ mailboxSmtpAuthDisabled: true, privilegedRoles: ["Global Administrator (eligible)"] }), "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.");
    expect(p.outcome).toBe("needs-attention");
    expect(p.steps).toEqual([]);
    expect(p.refused).toEqual([{ step: "enable-mailbox-smtp-auth", code: "privileged-user", reason: expect.stringContaining("Global Administrator (eligible)") }]);
  });

  it("does not turn off security defaults by default, holds the rest back and explains the risk", () => {
    const p = plan(mailboxWith({ securityDefaultsEnabled: true, mailboxSmtpAuthDisabled: true }));
    expect(p.outcome).toBe("needs-attention");
    expect(p.steps).toEqual([]);
    expect(p.refused).toEqual([{ step: "disable-security-defaults", code: "tenant-wide-not-allowed", reason: expect.stringContaining("every account") }]);
    expect(p.heldBack).toEqual(["enable-mailbox-smtp-auth"]);
  });

  it("turns off security defaults when the tenant's policy allows tenant-wide changes", () => {
    const p = plan(mailboxWith({ securityDefaultsEnabled: true }), GENERIC, ALLOW_TENANT_WIDE);
    expect(stepNames(p)).toEqual(["disable-security-defaults"]);
  });
});

describe("planRemediation: blockers no step fixes", () => {
  it("applies no step when a CA policy blocks the user, naming the policy fix", () => {
    const state = mailboxWith({ perUserMfaState: "enforced", blockingCaPolicies: [{ id: "ca-1", displayName: "Block legacy auth" }] });
    const p = plan(state);
    expect(p.outcome).toBe("needs-attention");
    expect(p.steps).toEqual([]);
    expect(p.refused).toEqual([{ step: "disable-per-user-mfa", code: "would-not-help", reason: expect.stringContaining("Conditional Access") }]);
    expect(p.attention?.causes).toEqual(["conditional-access-blocks-legacy-auth"]);
    expect(p.attention?.guidance.join(" ")).toContain("exclusion");
  });

  it.each([
    ["account-disabled", mailboxWith({ accountEnabled: false, mailboxSmtpAuthDisabled: true })],
    ["mailbox-unlicensed", mailboxWith({ exchangeLicensed: false, mailboxSmtpAuthDisabled: true })],
    ["auth-policy-blocks-basic-smtp", mailboxWith({ authPolicy: { policyName: "Block basic", allowBasicAuthSmtp: false }, mailboxSmtpAuthDisabled: true })],
  ] as const)("applies no step when %s would still block", (cause, state) => {
    const p = plan(state);
    expect(p).toMatchObject({ outcome: "needs-attention", steps: [] });
    expect(p.attention?.causes).toEqual([cause]);
    expect(p.refused.map((r) => r.code)).toEqual(["would-not-help"]);
  });

  it("applies no step when the server said the credentials are wrong", () => {
    const p = plan(mailboxWith({ mailboxSmtpAuthDisabled: true }), "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.");
    expect(p.outcome).toBe("needs-attention");
    expect(p.attention?.causes).toEqual(["wrong-credentials"]);
  });

  it("points to OAuth, High Volume Email, a relay or Graph when basic auth is retired, without weakening the tenant", () => {
    const p = plan(mailboxWith({ securityDefaultsEnabled: true }), "550 5.7.30 Basic authentication is not supported for Client Submission.", ALLOW_TENANT_WIDE);
    expect(p.outcome).toBe("needs-attention");
    expect(p.steps).toEqual([]);
    const guidance = p.attention?.guidance.join(" ") ?? "";
    for (const alternative of ["XOAUTH2", "smtp.hve.mx.microsoft", "relay connector", "Graph sendMail", "RBAC for Applications"]) expect(guidance).toContain(alternative);
  });

  it("leaves security defaults and MFA alone for an OAuth client, saying they would not help", () => {
    const state = mailboxWith({ securityDefaultsEnabled: true, perUserMfaState: "enforced", mailboxSmtpAuthDisabled: true });
    const p = plan(state, "C: AUTH XOAUTH2 ****\nS: 535 5.7.3 Authentication unsuccessful", ALLOW_TENANT_WIDE);
    expect(stepNames(p)).toEqual(["enable-mailbox-smtp-auth"]);
    expect(p.refused.map((r) => [r.step, r.code])).toEqual([
      ["disable-security-defaults", "would-not-help"],
      ["disable-per-user-mfa", "would-not-help"],
    ]);
  });

  it("stops with the device guidance when the error is the device's own (TLS 1.0)", () => {
    const p = plan(workingMailbox(), "421 4.7.66 TLS 1.0 and 1.1 are not supported.");
    expect(p.outcome).toBe("needs-attention");
    expect(p.attention?.causes).toEqual(["tls-version-unsupported"]);
  });
});

describe("planRemediation: basic-auth retirement", () => {
  it("after December 2026, stops a generic failure on a mailbox whose settings are right with the OAuth alternatives", () => {
    const state = workingMailbox();
    const diagnosis = diagnose({ text: readErrorText(GENERIC), state, now: AFTER_RETIREMENT });
    const p = planRemediation(diagnosis, state, policy());
    expect(p.outcome).toBe("needs-attention");
    expect(p.attention?.causes).toEqual(["basic-auth-retired"]);
    expect(p.attention?.guidance.join(" ")).toContain("XOAUTH2");
  });

  it("before that date, calls the same mailbox nothing to do", () => {
    expect(plan(workingMailbox()).outcome).toBe("nothing-to-do");
  });
});

describe("planRemediation: layers that could not be read", () => {
  it("plans no step for a layer it could not read and says what it could not read", () => {
    const p = plan(withUnread(workingMailbox(), "mailboxSmtpAuthDisabled"));
    expect(p.outcome).toBe("needs-attention");
    expect(p.steps).toEqual([]);
    expect(p.refused).toEqual([{ step: "enable-mailbox-smtp-auth", code: "state-unknown", reason: expect.stringContaining("Could not read") }]);
  });

  it("stops with 'could not read' when an unread blocker layer leaves the diagnosis inconclusive", () => {
    const p = plan(withUnread(workingMailbox(), "blockingCaPolicies"));
    expect(p.outcome).toBe("needs-attention");
    expect(p.attention?.reason).toContain("Conditional Access policies");
  });

  it("applies a confirmed fix and notes an unread layer the plan does not depend on", () => {
    const p = plan(withUnread(mailboxWith({ mailboxSmtpAuthDisabled: true }), "blockingCaPolicies"));
    expect(stepNames(p)).toEqual(["enable-mailbox-smtp-auth"]);
    expect(p.notes.join(" ")).toContain("Conditional Access policies");
  });

  it("ignores an unread layer that a specific error text does not point to", () => {
    const text = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.";
    const p = plan(withUnread(mailboxWith({ mailboxSmtpAuthDisabled: true }), "perUserMfaState"), text);
    expect(stepNames(p)).toEqual(["enable-mailbox-smtp-auth"]);
  });
});

describe("planRemediation: locale", () => {
  it("writes reasons, risks and guidance in Bulgarian for a Bulgarian tenant", () => {
    const p = plan(mailboxWith({ securityDefaultsEnabled: true }), GENERIC, policy({ locale: "bg" }));
    expect(p.refused[0]?.reason).toContain("организацията");
    expect(p.attention?.guidance[0]).toMatch(/[а-я]/);
  });
});
