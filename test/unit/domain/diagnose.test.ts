import { describe, expect, it } from "vitest";
import { diagnose, type Diagnosis } from "../../../shared/domain/diagnose";
import type { MailboxState } from "../../../shared/domain/mailbox-state";
import { readErrorText } from "../../../shared/domain/read-error-text";
import type { CauseId } from "../../../shared/domain/types";
import { AFTER_RETIREMENT, BEFORE_RETIREMENT, mailboxWith, withUnread, workingMailbox } from "./support/mailbox-state-builder";

const GENERIC = readErrorText("535 5.7.3 Authentication unsuccessful");
const verdictOf = (d: Diagnosis, id: CauseId): string | undefined => d.causes.find((c) => c.id === id)?.verdict;
const confirmed = (d: Diagnosis): CauseId[] => d.causes.filter((c) => c.verdict === "confirmed").map((c) => c.id);
const live = (state: MailboxState): Diagnosis => diagnose({ text: GENERIC, state, now: BEFORE_RETIREMENT });

describe("diagnose from live state, one layer at a time", () => {
  const cases: Array<[string, MailboxState, CauseId]> = [
    ["the mailbox flag is off", mailboxWith({ mailboxSmtpAuthDisabled: true }), "smtp-auth-disabled-mailbox"],
    ["the mailbox follows an org that has SMTP AUTH off", mailboxWith({ mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: true }), "smtp-auth-disabled-tenant"],
    ["security defaults are on", mailboxWith({ securityDefaultsEnabled: true }), "security-defaults-enabled"],
    ["per-user MFA is enforced", mailboxWith({ perUserMfaState: "enforced" }), "per-user-mfa-enforced"],
    ["a CA policy blocks the user", mailboxWith({ blockingCaPolicies: [{ id: "ca-1", displayName: "Block legacy auth" }] }), "conditional-access-blocks-legacy-auth"],
    ["the auth policy blocks basic SMTP", mailboxWith({ authPolicy: { policyName: "No basic", allowBasicAuthSmtp: false } }), "auth-policy-blocks-basic-smtp"],
    ["the account is disabled", mailboxWith({ accountEnabled: false }), "account-disabled"],
    ["the mailbox does not exist", mailboxWith({ mailboxExists: false }), "mailbox-not-found"],
    ["the user has no Exchange licence", mailboxWith({ exchangeLicensed: false }), "mailbox-unlicensed"],
  ];

  it.each(cases)("confirms exactly one cause when %s", (_name, state, cause) => {
    const d = live(state);
    expect(confirmed(d)).toEqual([cause]);
    expect(d.causes[0]?.id).toBe(cause);
  });

  it("confirms nothing and rules out every checkable layer for a mailbox that works", () => {
    const d = live(workingMailbox());
    expect(confirmed(d)).toEqual([]);
    expect(verdictOf(d, "smtp-auth-disabled-tenant")).toBe("ruled-out");
    expect(verdictOf(d, "security-defaults-enabled")).toBe("ruled-out");
    expect(verdictOf(d, "conditional-access-blocks-legacy-auth")).toBe("ruled-out");
  });

  it("does not blame the organisation flag when the mailbox sets its own", () => {
    const d = live(mailboxWith({ mailboxSmtpAuthDisabled: false, orgSmtpAuthDisabled: true }));
    expect(verdictOf(d, "smtp-auth-disabled-tenant")).toBe("ruled-out");
  });

  it("treats per-user MFA 'enabled' as not yet blocking", () => {
    const d = live(mailboxWith({ perUserMfaState: "enabled" }));
    expect(verdictOf(d, "per-user-mfa-enforced")).toBe("ruled-out");
    expect(d.causes.find((c) => c.id === "per-user-mfa-enforced")?.evidence[0]).toContain("enabled");
  });
});

describe("diagnose from live state, layers combined", () => {
  it("confirms the three layers of Microsoft's procedure together", () => {
    const state = mailboxWith({ securityDefaultsEnabled: true, mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: true, perUserMfaState: "enforced" });
    expect(confirmed(live(state)).sort()).toEqual(["per-user-mfa-enforced", "security-defaults-enabled", "smtp-auth-disabled-tenant"]);
  });

  it("ranks the cause the error text names above other confirmed ones", () => {
    const state = mailboxWith({ mailboxSmtpAuthDisabled: true, perUserMfaState: "enforced" });
    const text = readErrorText("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.");
    const d = diagnose({ text, state, now: BEFORE_RETIREMENT });
    expect(d.causes.slice(0, 2).map((c) => c.id)).toEqual(["smtp-auth-disabled-mailbox", "per-user-mfa-enforced"]);
  });

  it("confirms a CA block alongside enforced MFA", () => {
    const state = mailboxWith({ perUserMfaState: "enforced", blockingCaPolicies: [{ id: "ca-9", displayName: "Legacy auth block" }] });
    expect(confirmed(live(state)).sort()).toEqual(["conditional-access-blocks-legacy-auth", "per-user-mfa-enforced"]);
  });
});

describe("diagnose with layers that could not be read", () => {
  it("reports an unread layer as unknown, never as confirmed or ruled out", () => {
    const d = live(withUnread(workingMailbox(), "mailboxSmtpAuthDisabled"));
    expect(verdictOf(d, "smtp-auth-disabled-mailbox")).toBe("unknown");
    expect(verdictOf(d, "smtp-auth-disabled-tenant")).toBe("unknown");
    expect(d.unread.map((u) => u.layer)).toEqual(["mailboxSmtpAuthDisabled"]);
  });

  it("rules the organisation flag out while the mailbox flag is unread, when the org has SMTP AUTH on", () => {
    const d = live(withUnread(mailboxWith({ orgSmtpAuthDisabled: false }), "mailboxSmtpAuthDisabled"));
    expect(verdictOf(d, "smtp-auth-disabled-tenant")).toBe("ruled-out");
  });

  it("rules Conditional Access out when it is unread but security defaults are on", () => {
    const d = live(withUnread(mailboxWith({ securityDefaultsEnabled: true }), "blockingCaPolicies"));
    expect(verdictOf(d, "conditional-access-blocks-legacy-auth")).toBe("ruled-out");
  });
});

describe("diagnose from the error text and the client", () => {
  it("gives only possible verdicts without a live state", () => {
    const d = diagnose({ text: GENERIC, now: BEFORE_RETIREMENT });
    expect(new Set(d.causes.map((c) => c.verdict))).toEqual(new Set(["possible"]));
    expect(d.live).toBe(false);
  });

  it("gives unknown when neither text nor state points anywhere", () => {
    const d = diagnose({ text: readErrorText("it does not work"), now: BEFORE_RETIREMENT });
    expect(d.causes).toEqual([{ id: "unknown", verdict: "possible", confidence: 0, evidence: ["nothing recognisable in the error text"], fixStep: null }]);
  });

  it("rules out security defaults and MFA for an OAuth client even when they are on", () => {
    const text = readErrorText("AUTH XOAUTH2 ...\n535 5.7.3 Authentication unsuccessful");
    const d = diagnose({ text, state: mailboxWith({ securityDefaultsEnabled: true, perUserMfaState: "enforced" }), now: BEFORE_RETIREMENT });
    expect(verdictOf(d, "security-defaults-enabled")).toBe("ruled-out");
    expect(verdictOf(d, "per-user-mfa-enforced")).toBe("ruled-out");
    expect(verdictOf(d, "basic-auth-retired")).toBe("ruled-out");
  });

  it("ranks basic-auth retirement higher for a generic failure after December 2026", () => {
    const before = diagnose({ text: GENERIC, now: BEFORE_RETIREMENT }).causes.map((c) => c.id);
    const after = diagnose({ text: GENERIC, now: AFTER_RETIREMENT }).causes.map((c) => c.id);
    expect(before.indexOf("basic-auth-retired")).toBeGreaterThan(5);
    expect(after[0]).toBe("basic-auth-retired");
  });

  it("prefers the retirement over an authentication policy for 'basic authentication is disabled' only after the date", () => {
    const text = readErrorText("535 5.7.139 Authentication unsuccessful, basic authentication is disabled.");
    expect(diagnose({ text, now: BEFORE_RETIREMENT }).causes[0]?.id).toBe("auth-policy-blocks-basic-smtp");
    expect(diagnose({ text, now: AFTER_RETIREMENT }).causes[0]?.id).toBe("basic-auth-retired");
  });

  it("carries the fix step of each cause", () => {
    const d = live(mailboxWith({ orgSmtpAuthDisabled: true, mailboxSmtpAuthDisabled: null }));
    expect(d.causes.find((c) => c.id === "smtp-auth-disabled-tenant")?.fixStep).toBe("enable-mailbox-smtp-auth");
    expect(d.causes.find((c) => c.id === "conditional-access-blocks-legacy-auth")?.fixStep).toBeNull();
  });
});
