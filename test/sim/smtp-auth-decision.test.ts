import { describe, expect, it } from "vitest";
import { decideBasicAuth } from "../../dev/sim/smtp/smtp-auth-decision";
import { SMTP_REPLIES } from "../../dev/sim/smtp/smtp-replies";
import { SimTenant } from "../../dev/sim/state/sim-tenant";
import type { MailboxSettings } from "../../dev/sim/state/mailbox-record";
import type { TenantFlags } from "../../dev/sim/state/tenant-records";

const UPN = "user000001@order.test";

function judge(flags: Partial<TenantFlags>, settings: Partial<MailboxSettings>, password = "sim-password") {
  const tenant = new SimTenant("order", "order.test", 1);
  Object.assign(tenant.flags, { securityDefaults: false, orgSmtpAuthDisabled: false }, flags);
  tenant.mailboxes.upsert(UPN, settings);
  const decision = decideBasicAuth(tenant, tenant.mailboxes.find(UPN), password);
  return decision.accepted ? "accepted" : decision.reply;
}

const everythingWrong: Partial<TenantFlags> = { securityDefaults: true, orgSmtpAuthDisabled: true, basicAuthRetired: true };

describe("SMTP basic-auth check order", () => {
  it("answers 550 5.7.30 while the tenant's end-of-December default has basic auth off, and accepts once it is back on", () => {
    expect(judge({ basicAuthSmtpDefaultOff: true }, {})).toBe(SMTP_REPLIES.basicAuthRetired);
    expect(judge({ basicAuthSmtpDefaultOff: false }, {})).toBe("accepted");
  });

  it("reports a wrong password before every layer", () => {
    expect(judge(everythingWrong, { perUserMfaState: "enforced" }, "bad")).toBe(SMTP_REPLIES.wrongCredentials);
  });

  it("blames an unreachable federated STS before lockout and the password, but not for an unknown user", () => {
    expect(judge({ ...everythingWrong, federatedStsUnreachable: true }, { locked: true }, "bad")).toBe(SMTP_REPLIES.federatedStsUnreachable);
    const tenant = new SimTenant("order", "order.test", 1);
    tenant.flags.federatedStsUnreachable = true;
    expect(decideBasicAuth(tenant, undefined, "sim-password")).toMatchObject({ accepted: false, reply: SMTP_REPLIES.wrongCredentials });
  });

  it("reports a locked account even with the right password", () => {
    expect(judge({}, { locked: true })).toBe(SMTP_REPLIES.accountLocked);
  });

  it("reports retirement before the authentication policy and the SMTP AUTH flags", () => {
    expect(judge(everythingWrong, {})).toBe(SMTP_REPLIES.basicAuthRetired);
  });

  it("reports the mailbox flag before security defaults and per-user MFA", () => {
    expect(judge({ securityDefaults: true }, { smtpClientAuthenticationDisabled: true, perUserMfaState: "enforced" })).toBe(SMTP_REPLIES.mailboxDisabled);
  });

  it("lets a mailbox enabled explicitly override a disabled organisation", () => {
    expect(judge({ orgSmtpAuthDisabled: true }, { smtpClientAuthenticationDisabled: false })).toBe("accepted");
    expect(judge({ orgSmtpAuthDisabled: true }, { smtpClientAuthenticationDisabled: null })).toBe(SMTP_REPLIES.tenantDisabled);
  });

  it("reports security defaults before per-user MFA", () => {
    expect(judge({ securityDefaults: true }, { perUserMfaState: "enforced" })).toBe(SMTP_REPLIES.securityDefaults);
  });

  it("treats per-user MFA 'enabled' as no obstacle and 'enforced' as one", () => {
    expect(judge({}, { perUserMfaState: "enabled" })).toBe("accepted");
    expect(judge({}, { perUserMfaState: "enforced" })).toBe(SMTP_REPLIES.criteriaNotMet);
  });

  it("answers the generic 5.7.3 for an unlicensed user whose every layer is right", () => {
    expect(judge({}, { licensed: false })).toBe(SMTP_REPLIES.generic);
  });
});
