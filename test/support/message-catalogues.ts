import { MESSAGES } from "../../console/src/messages";
import { REPORT_PHRASES } from "../../shared/audit/report-phrases";
import { PLAN_MESSAGES } from "../../shared/domain/plan-messages";
import { EVIDENCE_MESSAGES } from "../../shared/domain/evidence-messages";
import { REQUEST_REASONS, REQUEST_WORDS } from "../../shared/domain/request-reasons";
import { EFFECT_PHRASES } from "../../shared/domain/security-effect";
import type { Locale } from "../../shared/domain/types";

/** Every message catalogue a surface renders from, by name, each as key → {en, bg}. */
export function messageCatalogues(): Record<string, Record<string, Record<Locale, string>>> {
  const consoleMessages = Object.fromEntries(Object.keys(MESSAGES.en).map((key) => [key, { en: MESSAGES.en[key as keyof typeof MESSAGES.en], bg: MESSAGES.bg[key as keyof typeof MESSAGES.bg] }]));
  return { console: consoleMessages, requestReasons: REQUEST_REASONS, requestWords: REQUEST_WORDS, evidence: EVIDENCE_MESSAGES, effects: EFFECT_PHRASES, reports: REPORT_PHRASES, plan: PLAN_MESSAGES };
}

/**
 * The English sentences of the catalogues a Bulgarian page must not show: each message's literal runs
 * between placeholders that hold three words or more, where the Bulgarian differs (of the catalogues named, or all).
 */
export function englishSentences(names?: string[]): string[] {
  const out = new Set<string>();
  const all = messageCatalogues();
  for (const catalogue of (names ?? Object.keys(all)).map((name) => all[name] ?? {})) {
    for (const { en, bg } of Object.values(catalogue)) {
      if (en === bg) continue;
      for (const run of en.split(/\{\w+\}/)) {
        const text = run.trim().replace(/^[\s:;,.()·—-]+|[\s:;,.()·—-]+$/g, "");
        if (text.split(/\s+/).length >= 3) out.add(text);
      }
    }
  }
  return [...out];
}
