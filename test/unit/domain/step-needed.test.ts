import { describe, expect, it } from "vitest";
import { stepNeeded } from "../../../shared/domain/step-needed";
import { mailboxWith, withUnread, workingMailbox } from "./support/mailbox-state-builder";

describe("stepNeeded", () => {
  it("needs nothing for a mailbox that works", () => {
    const state = workingMailbox();
    expect([stepNeeded("disable-security-defaults", state), stepNeeded("enable-mailbox-smtp-auth", state), stepNeeded("disable-per-user-mfa", state)]).toEqual([false, false, false]);
  });

  it("needs security defaults off while they are on", () => {
    expect(stepNeeded("disable-security-defaults", mailboxWith({ securityDefaultsEnabled: true }))).toBe(true);
  });

  it("needs the mailbox flag set when the mailbox turns SMTP AUTH off itself", () => {
    expect(stepNeeded("enable-mailbox-smtp-auth", mailboxWith({ mailboxSmtpAuthDisabled: true }))).toBe(true);
  });

  it("needs the mailbox flag set when the mailbox follows an organisation that has SMTP AUTH off", () => {
    expect(stepNeeded("enable-mailbox-smtp-auth", mailboxWith({ mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: true }))).toBe(true);
  });

  it("needs nothing when the mailbox follows an organisation that has SMTP AUTH on", () => {
    expect(stepNeeded("enable-mailbox-smtp-auth", mailboxWith({ mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: false }))).toBe(false);
  });

  it("needs per-user MFA off only when it is enforced", () => {
    expect(stepNeeded("disable-per-user-mfa", mailboxWith({ perUserMfaState: "enforced" }))).toBe(true);
    expect(stepNeeded("disable-per-user-mfa", mailboxWith({ perUserMfaState: "enabled" }))).toBe(false);
  });

  it("answers unknown when the layer could not be read", () => {
    expect(stepNeeded("disable-security-defaults", withUnread(workingMailbox(), "securityDefaultsEnabled"))).toBe("unknown");
    expect(stepNeeded("enable-mailbox-smtp-auth", withUnread(workingMailbox(), "mailboxSmtpAuthDisabled"))).toBe("unknown");
    expect(stepNeeded("disable-per-user-mfa", withUnread(workingMailbox(), "perUserMfaState"))).toBe("unknown");
  });

  it("answers unknown when the mailbox follows an organisation flag that could not be read", () => {
    const state = withUnread(mailboxWith({ mailboxSmtpAuthDisabled: null }), "orgSmtpAuthDisabled");
    expect(stepNeeded("enable-mailbox-smtp-auth", state)).toBe("unknown");
  });
});
