import { describe, expect, it } from "vitest";
import { computeFindings } from "../../../shared/audit/compute-findings";
import type { ExceptionRecord } from "../../../shared/audit/exception-record";
import type { TenantSnapshot } from "../../../shared/audit/tenant-snapshot";
import { NOW, daysFromNow, exception, mailbox, snapshot } from "./support/audit-fixtures";

function audit(s: TenantSnapshot, exceptions: ExceptionRecord[] = []) {
  const result = computeFindings(s, exceptions, NOW);
  return { ...result, found: result.findings.map((f) => `${f.type} ${f.subject}`) };
}

describe("computeFindings: each finding from the state that causes it, and nothing else", () => {
  it("finds nothing in a compliant tenant", () => {
    const r = audit(snapshot({ mailboxes: [mailbox("a@x.com", null), mailbox("b@x.com", true)] }));
    expect(r.found).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it("reports unapproved-smtp-auth for a mailbox with SMTP AUTH on and no exception", () => {
    const r = audit(snapshot({ mailboxes: [mailbox("printer@x.com", false), mailbox("b@x.com", null)] }));
    expect(r.found).toEqual(["unapproved-smtp-auth printer@x.com"]);
    expect(r.smtpAuthOn).toBe(1);
  });

  it("does not report a mailbox whose SMTP AUTH was enabled under a live exception", () => {
    const r = audit(snapshot({ mailboxes: [mailbox("printer@x.com", false)] }), [exception("Printer@X.com")]);
    expect(r.found).toEqual([]);
    expect(r.activeExceptions).toBe(1);
  });

  it("reports org-smtp-auth-enabled once, with the followers counted, not one finding per follower", () => {
    const r = audit(snapshot({ orgSmtpAuthDisabled: false, mailboxes: [mailbox("a@x.com", null), mailbox("b@x.com", null)], orgFollowerCount: 2 }));
    expect(r.found).toEqual(["org-smtp-auth-enabled tenant"]);
    expect(r.findings[0]?.detail).toContain("2 mailboxes");
    expect(r.smtpAuthOn).toBe(2);
  });

  it("reports no-legacy-auth-protection when security defaults are off and no CA policy blocks legacy auth", () => {
    expect(audit(snapshot({ securityDefaultsEnabled: false })).found).toEqual(["no-legacy-auth-protection tenant"]);
    expect(audit(snapshot({ securityDefaultsEnabled: false, blockingPolicies: ["Block legacy auth"] })).found).toEqual([]);
  });

  it("reports expired-exception when the exception lapsed and SMTP AUTH is still on, and nothing once it is off", () => {
    const expired = exception("printer@x.com", { grantedAt: daysFromNow(-200), expiresAt: daysFromNow(-20) });
    expect(audit(snapshot({ mailboxes: [mailbox("printer@x.com", false)] }), [expired]).found).toEqual(["expired-exception printer@x.com"]);
    expect(audit(snapshot({ mailboxes: [mailbox("printer@x.com", true)] }), [expired]).found).toEqual([]);
  });

  it("lets a newer live exception supersede an expired one for the same mailbox", () => {
    const old = exception("printer@x.com", { requestId: "old", grantedAt: daysFromNow(-200), expiresAt: daysFromNow(-20) });
    const renewed = exception("printer@x.com", { requestId: "new" });
    expect(audit(snapshot({ mailboxes: [mailbox("printer@x.com", false)] }), [old, renewed]).found).toEqual([]);
  });

  it("reports reverted-fix, with the ticket that asked for the fix, when SMTP AUTH was turned off again", () => {
    const r = audit(snapshot({ mailboxes: [mailbox("printer@x.com", true)] }), [exception("printer@x.com")]);
    expect(r.found).toEqual(["reverted-fix printer@x.com"]);
    expect(r.findings[0]?.ticket).toEqual({ system: "zendesk", id: "Z-printer@x.com" });
  });

  it("reports reverted-fix when a mailbox that followed an open org flag finds the org flag closed", () => {
    const r = audit(snapshot({ mailboxes: [mailbox("printer@x.com", null)] }), [exception("printer@x.com")]);
    expect(r.found).toEqual(["reverted-fix printer@x.com"]);
  });

  it("reports reverted-fix when per-user MFA was enforced again, and the security-defaults one when they are back on", () => {
    const m = mailbox("scan@x.com", false);
    const mfa = exception("scan@x.com", { setting: "per-user-mfa" });
    const smtp = exception("scan@x.com");
    expect(audit(snapshot({ mailboxes: [m], mfa: { [m.userId]: "enforced" } }), [smtp, mfa]).found).toEqual(["reverted-fix scan@x.com"]);
    expect(audit(snapshot({ mailboxes: [m], mfa: { [m.userId]: "disabled" } }), [smtp, mfa]).found).toEqual([]);
    const sd = exception("tenant", { setting: "security-defaults" });
    expect(audit(snapshot({ securityDefaultsEnabled: true }), [sd]).found).toEqual(["reverted-fix tenant"]);
  });

  it("reports stale-exception only with sign-in logs, after 30 days, and with no SMTP AUTH sign-in", () => {
    const m = mailbox("printer@x.com", false);
    const old = exception("printer@x.com", { grantedAt: daysFromNow(-40) });
    expect(audit(snapshot({ mailboxes: [m], signIns: {} }), [old]).found).toEqual(["stale-exception printer@x.com"]);
    expect(audit(snapshot({ mailboxes: [m], signIns: { [m.userId]: daysFromNow(-2) } }), [old]).found).toEqual([]);
    expect(audit(snapshot({ mailboxes: [m], signIns: null }), [old]).found).toEqual([]);
    expect(audit(snapshot({ mailboxes: [m], signIns: {} }), [exception("printer@x.com")]).found).toEqual([]);
  });

  it("reports privileged-account-weakened for a privileged holder with SMTP AUTH on, even under an exception", () => {
    const admin = mailbox("admin@x.com", false);
    const r = audit(snapshot({ mailboxes: [admin], privileged: { [admin.userId]: ["Global Administrator"] } }), [exception("admin@x.com")]);
    expect(r.found).toEqual(["privileged-account-weakened admin@x.com"]);
    expect(r.findings[0]?.severity).toBe("critical");
  });

  it("reports privileged-account-weakened for a privileged holder whose per-user MFA is off by an exception", () => {
    const admin = mailbox("admin@x.com", true);
    const mfa = exception("admin@x.com", { setting: "per-user-mfa" });
    const r = audit(snapshot({ mailboxes: [admin], privileged: { [admin.userId]: ["Security Administrator"] }, mfa: { [admin.userId]: "disabled" } }), [mfa]);
    expect(r.found).toEqual(["privileged-account-weakened admin@x.com"]);
  });
});

describe("computeFindings: unknown is not non-compliant", () => {
  it("turns a failed mailbox listing into unknown entries and no mailbox findings", () => {
    const r = audit(snapshot({ mailboxes: "listing CAS mailboxes failed (exchange: transient, 500)" }), [exception("printer@x.com")]);
    expect(r.found).toEqual([]);
    expect(r.unknown.map((u) => `${u.type} ${u.subject}`)).toEqual(
      expect.arrayContaining(["unapproved-smtp-auth *", "privileged-account-weakened *", "reverted-fix printer@x.com"]),
    );
    expect(r.mailboxes).toBeNull();
  });

  it("reports an unreadable org flag as unknown, never as org-smtp-auth-enabled", () => {
    const r = audit(snapshot({ orgSmtpAuthDisabled: "reading the organisation SMTP AUTH flag failed" }));
    expect(r.found).toEqual([]);
    expect(r.unknown).toEqual([{ type: "org-smtp-auth-enabled", subject: "tenant", reason: "reading the organisation SMTP AUTH flag failed" }]);
  });

  it("reports legacy-auth protection as unknown when security defaults are off and CA could not be read", () => {
    const r = audit(snapshot({ securityDefaultsEnabled: false, blockingPolicies: "reading Conditional Access policies failed" }));
    expect(r.found).toEqual([]);
    expect(r.unknown.map((u) => u.type)).toEqual(["no-legacy-auth-protection"]);
  });

  it("does not call a fix reverted when the state it depends on could not be read", () => {
    const m = mailbox("scan@x.com", false);
    const r = audit(snapshot({ mailboxes: [m], mfa: "reading per-user MFA states failed", signIns: "reading SMTP AUTH sign-ins failed" }), [
      exception("scan@x.com", { setting: "per-user-mfa", grantedAt: daysFromNow(-40) }),
    ]);
    expect(r.found).toEqual(["unapproved-smtp-auth scan@x.com"]);
    expect(r.unknown.map((u) => u.type).sort()).toEqual(["reverted-fix", "stale-exception"]);
  });
});
