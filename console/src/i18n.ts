import type { CodedText } from "../../shared/domain/coded-text";
import { REQUEST_WORDS, requestReasonText } from "../../shared/domain/request-reasons";
import { effectText, type ChangeEffect } from "../../shared/domain/security-effect";
import { MESSAGES, type Locale, type MessageKey } from "./messages";

export type { Locale };
const STORAGE_KEY = "console.locale";

let current: Locale = initialLocale();

function initialLocale(): Locale {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved === "en" || saved === "bg") return saved;
  return navigator.language.toLowerCase().startsWith("bg") ? "bg" : "en";
}

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  sessionStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** A message in the current language, `{name}` filled from vars; an unknown key (a new status) shows as it is. */
export function t(key: MessageKey | string, vars: Record<string, string | number> = {}): string {
  const text = (MESSAGES[current] as Record<string, string>)[key] ?? key.replace(/^[a-z]+\./, "");
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

/** Whether the catalogue has a message for key (so a label can fall back to another kind of key). */
export function has(key: string): boolean {
  return key in MESSAGES[current];
}

/** A reason or trail detail the server sent as code + parameters, in the current language. */
export function reasonText(text: CodedText): string {
  return requestReasonText(text, current);
}

/** A setting value the server reports in English words ("enabled", "follows organisation (disabled)"). */
export function valueWord(value: string): string {
  const follows = /^follows organisation \((.+)\)$/.exec(value);
  if (follows) return t("step.follows", { value: valueWord(follows[1] ?? "") });
  // What an undo writes back to a mailbox that had no value of its own: whatever the organisation says.
  if (value === "follows organisation") return t("step.followsOrganisation");
  return (REQUEST_WORDS as Record<string, Record<Locale, string>>)[value]?.[current] ?? value;
}

/** What a change does to security, in words. */
export function effectWords(change: ChangeEffect): string {
  return effectText(change, current);
}
