import type { Locale, StepName } from "./types";

/** What a change does to the tenant's security: lowers a protection, or restores one. */
export type SecurityEffect = "weakens" | "tightens";
/** Who a change reaches: the whole tenant, one user's sign-ins, or one mailbox. */
export type ChangeScope = "tenant" | "user" | "mailbox";

export interface ChangeEffect {
  effect: SecurityEffect;
  scope: ChangeScope;
}

/** The settings the steps change, as the trail and the exceptions register name them. */
export type ChangedSetting = "security-defaults" | "mailbox-smtp-auth" | "per-user-mfa";

/** Each step's setting, who it reaches, and the values that mean the protection is off. */
const SETTINGS: Record<ChangedSetting, { step: StepName; scope: ChangeScope; weakValues: readonly string[] }> = {
  "security-defaults": { step: "disable-security-defaults", scope: "tenant", weakValues: ["disabled", "false"] },
  "mailbox-smtp-auth": { step: "enable-mailbox-smtp-auth", scope: "mailbox", weakValues: ["enabled"] },
  "per-user-mfa": { step: "disable-per-user-mfa", scope: "user", weakValues: ["disabled"] },
};

/** Migration steps that create or only read: they lower no protection. retire-basic-auth restores one. */
const NEUTRAL_STEPS: ReadonlySet<StepName> = new Set(["create-hve-account", "check-hve-billing-policy", "create-relay-connector", "register-exchange-service-principal", "grant-app-mailbox-access"]);

/**
 * Each fix step weakens exactly one protection: that is why a person may have to approve it. A
 * migration step weakens nothing (null: no badge), and retire-basic-auth tightens the old mailbox.
 */
export function stepEffect(step: StepName): ChangeEffect | null {
  if (step === "retire-basic-auth") return { effect: "tightens", scope: "mailbox" };
  if (NEUTRAL_STEPS.has(step)) return null;
  const entry = Object.values(SETTINGS).find((s) => s.step === step);
  return { effect: "weakens", scope: entry?.scope ?? "tenant" };
}

/** What an undo step does: undoing retire-basic-auth re-opens the mailbox; removing a move's objects changes no protection badge. */
export function undoEffect(step: StepName, after: string | undefined): ChangeEffect | null {
  if (step === "retire-basic-auth") return { effect: "weakens", scope: "mailbox" };
  return NEUTRAL_STEPS.has(step) ? null : changeEffect(step, after);
}

/**
 * What a recorded change did, from its setting (or step name) and the value written; null for a
 * setting this tool does not change. An audit's revert always restores the protection.
 */
export function changeEffect(setting: string, after: string | undefined, kind?: string): ChangeEffect | null {
  const entry = SETTINGS[setting as ChangedSetting] ?? Object.values(SETTINGS).find((s) => s.step === setting);
  if (!entry) return null;
  if (kind === "reverted") return { effect: "tightens", scope: entry.scope };
  return { effect: after !== undefined && !entry.weakValues.includes(after) ? "tightens" : "weakens", scope: entry.scope };
}

/** The effect in words, so colour is never the only carrier: "weakens security for the whole tenant". */
export const EFFECT_PHRASES = {
  "weakens.tenant": { en: "weakens security for the whole tenant", bg: "отслабва защитата на цялата организация" },
  "weakens.user": { en: "weakens security for one user", bg: "отслабва защитата на един потребител" },
  "weakens.mailbox": { en: "weakens security for one mailbox", bg: "отслабва защитата на една пощенска кутия" },
  "tightens.tenant": { en: "restores protection for the whole tenant", bg: "възстановява защитата на цялата организация" },
  "tightens.user": { en: "restores protection for one user", bg: "възстановява защитата на един потребител" },
  "tightens.mailbox": { en: "restores protection for one mailbox", bg: "възстановява защитата на една пощенска кутия" },
  "leaves-basic-auth": { en: "moves off basic auth", bg: "преминава от основно удостоверяване към по-сигурен начин" },
} satisfies Record<string, Record<Locale, string>>;

export function effectText(change: ChangeEffect, locale: Locale): string {
  return EFFECT_PHRASES[`${change.effect}.${change.scope}`][locale];
}
