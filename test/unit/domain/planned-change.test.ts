import { describe, expect, it } from "vitest";
import { plannedChange } from "../../../shared/domain/planned-change";
import { mailboxWith, withUnread } from "./support/mailbox-state-builder";

describe("plannedChange", () => {
  it("shows each step's value as diagnosed and the value it writes", () => {
    const state = mailboxWith({ securityDefaultsEnabled: true, mailboxSmtpAuthDisabled: true, perUserMfaState: "enforced" });
    expect(plannedChange("disable-security-defaults", state)).toEqual({ before: "enabled", after: "disabled" });
    expect(plannedChange("enable-mailbox-smtp-auth", state)).toEqual({ before: "disabled", after: "enabled" });
    expect(plannedChange("disable-per-user-mfa", state)).toEqual({ before: "enforced", after: "disabled" });
  });

  it("names the organisation's flag when the mailbox follows it", () => {
    expect(plannedChange("enable-mailbox-smtp-auth", mailboxWith({ mailboxSmtpAuthDisabled: null, orgSmtpAuthDisabled: true }))).toEqual({ before: "follows organisation (disabled)", after: "enabled" });
  });

  it("says unknown for a value that could not be read, never a guess", () => {
    expect(plannedChange("disable-security-defaults", withUnread(mailboxWith({}), "securityDefaultsEnabled")).before).toBe("unknown");
  });
});
