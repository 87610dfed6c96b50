import { describe, expect, it } from "vitest";
import { STEPS } from "../../../shared/steps";

const undoOf = (name: keyof typeof STEPS) => {
  const undo = STEPS[name].undo;
  if (!undo) throw new Error(`${name} has no undo`);
  return undo;
};

describe("each weakening step's undo", () => {
  it("security defaults: back on, and only on counts as restored", () => {
    const undo = undoOf("disable-security-defaults");
    expect(undo.restoredValue({ before: "enabled" })).toBe("enabled");
    expect(undo.isRestored("enabled", { before: "enabled" })).toBe(true);
    expect(undo.isRestored("disabled", { before: "enabled" })).toBe(false);
  });

  it("mailbox SMTP AUTH: its own 'disabled', or following the organisation whatever the organisation says now", () => {
    const undo = undoOf("enable-mailbox-smtp-auth");
    expect(undo.restoredValue({ before: "disabled" })).toBe("disabled");
    expect(undo.restoredValue({ before: "follows organisation (disabled)" })).toBe("follows organisation");
    expect(undo.isRestored("follows organisation (enabled)", { before: "follows organisation (disabled)" })).toBe(true);
    expect(undo.isRestored("follows organisation (disabled)", { before: "disabled" })).toBe(false);
    expect(undo.isRestored("enabled", { before: "follows organisation (disabled)" })).toBe(false);
    // Disabled outright is at least as protected as any before-value.
    expect(undo.isRestored("disabled", { before: "follows organisation (disabled)" })).toBe(true);
  });

  it("per-user MFA: the recorded state or a stronger one; an unknown before-value restores 'enforced'", () => {
    const undo = undoOf("disable-per-user-mfa");
    expect(undo.restoredValue({ before: "enabled" })).toBe("enabled");
    expect(undo.isRestored("enforced", { before: "enabled" })).toBe(true);
    expect(undo.isRestored("enabled", { before: "enforced" })).toBe(false);
    expect(undo.isRestored("disabled", { before: "enabled" })).toBe(false);
    expect(undo.restoredValue({ before: "something else" })).toBe("enforced");
  });

  it("every undo of the three steps restores protection", () => {
    const weakening = ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"] as const;
    expect(weakening.map((name) => undoOf(name).effect)).toEqual(["tightens", "tightens", "tightens"]);
  });
});
