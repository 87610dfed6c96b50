import { describe, expect, it } from "vitest";
import { STEPS } from "../../../shared/domain/cause-definition";
import { CAUSES } from "../../../shared/domain/causes";
import { CAUSE_IDS, STEP_NAMES } from "../../../shared/domain/types";

const CYRILLIC = /[а-яА-Я]/;

describe("the causes catalogue", () => {
  it("has one entry for every cause id, keyed by its own id", () => {
    expect(Object.keys(CAUSES).sort()).toEqual([...CAUSE_IDS].sort());
    for (const id of CAUSE_IDS) expect(CAUSES[id].id).toBe(id);
  });

  it.each(CAUSE_IDS)("explains %s in English and Bulgarian", (id) => {
    const cause = CAUSES[id];
    for (const text of [cause.title, cause.meaning]) {
      expect(text.en).not.toMatch(CYRILLIC);
      expect(text.bg).toMatch(CYRILLIC);
    }
    expect(cause.guidance.en.length).toBeGreaterThan(0);
    expect(cause.guidance.bg.length).toBe(cause.guidance.en.length);
    expect(cause.guidance.bg.every((g) => CYRILLIC.test(g))).toBe(true);
  });

  it("fixes only the causes of Microsoft's procedure automatically, each with a known step", () => {
    const fixed = CAUSE_IDS.filter((id) => CAUSES[id].fixStep !== null);
    expect(fixed.sort()).toEqual(["per-user-mfa-enforced", "security-defaults-enabled", "smtp-auth-disabled-mailbox", "smtp-auth-disabled-tenant"]);
    for (const id of fixed) expect(STEP_NAMES).toContain(CAUSES[id].fixStep);
  });

  it("fixes an organisation-wide SMTP AUTH block on the mailbox, never by opening the organisation", () => {
    expect(CAUSES["smtp-auth-disabled-tenant"].fixStep).toBe("enable-mailbox-smtp-auth");
  });

  it("never marks a cause with an automatic fix as blocking after the steps", () => {
    for (const id of CAUSE_IDS) if (CAUSES[id].fixStep !== null) expect(CAUSES[id].blocksAfterSteps).toBe(false);
  });

  it("tells Conditional Access cases that an exclusion is Microsoft's fix", () => {
    expect(CAUSES["conditional-access-blocks-legacy-auth"].guidance.en.join(" ")).toContain("exclusion");
    expect(CAUSES["conditional-access-blocks-legacy-auth"].guidance.bg.join(" ")).toContain("изключение");
  });

  it("describes the risk of every step in both locales, and marks security defaults tenant-wide", () => {
    for (const step of STEP_NAMES) {
      expect(STEPS[step].risk.en.length).toBeGreaterThan(40);
      expect(STEPS[step].risk.bg).toMatch(CYRILLIC);
    }
    expect(STEPS["disable-security-defaults"].scope).toBe("tenant");
  });

  it("survives a JSON round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(CAUSES))).toEqual(CAUSES);
  });
});
