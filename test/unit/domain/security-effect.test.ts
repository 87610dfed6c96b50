import { describe, expect, it } from "vitest";
import { changeEffect, effectText, stepEffect, undoEffect } from "../../../shared/domain/security-effect";

describe("what a change does to security", () => {
  it("names every step as the weakening it is, with its scope", () => {
    expect(stepEffect("disable-security-defaults")).toEqual({ effect: "weakens", scope: "tenant" });
    expect(stepEffect("enable-mailbox-smtp-auth")).toEqual({ effect: "weakens", scope: "mailbox" });
    expect(stepEffect("disable-per-user-mfa")).toEqual({ effect: "weakens", scope: "user" });
    expect(effectText(stepEffect("disable-security-defaults")!, "en")).toBe("weakens security for the whole tenant");
    expect(effectText(stepEffect("disable-security-defaults")!, "bg")).toBe("отслабва защитата на цялата организация");
    // Moving a sender off basic auth weakens nothing; retiring its basic auth restores the mailbox's protection.
    expect(stepEffect("create-hve-account")).toBeNull();
    expect(stepEffect("grant-app-mailbox-access")).toBeNull();
    expect(stepEffect("retire-basic-auth")).toEqual({ effect: "tightens", scope: "mailbox" });
  });

  it("reads a recorded change by its setting and the value written: off again is a tightening", () => {
    expect(changeEffect("security-defaults", "disabled")).toEqual({ effect: "weakens", scope: "tenant" });
    expect(changeEffect("security-defaults", "enabled")).toEqual({ effect: "tightens", scope: "tenant" });
    expect(changeEffect("mailbox-smtp-auth", "enabled")).toEqual({ effect: "weakens", scope: "mailbox" });
    expect(changeEffect("mailbox-smtp-auth", "disabled")).toEqual({ effect: "tightens", scope: "mailbox" });
    expect(changeEffect("mailbox-smtp-auth", "disabled", "reverted")).toEqual({ effect: "tightens", scope: "mailbox" });
    expect(changeEffect("disable-per-user-mfa", "disabled")).toEqual({ effect: "weakens", scope: "user" });
    expect(changeEffect("something-else", "disabled")).toBeNull();
  });

  it("reads an undo's step: a fix's undo restores, undoing a retirement re-opens the mailbox, removing a move's objects has no badge", () => {
    expect(undoEffect("enable-mailbox-smtp-auth", "disabled")).toEqual({ effect: "tightens", scope: "mailbox" });
    expect(undoEffect("retire-basic-auth", "enabled")).toEqual({ effect: "weakens", scope: "mailbox" });
    expect(undoEffect("create-hve-account", "removed")).toBeNull();
  });
});
