import { STEPS } from "./cause-definition";
import { CAUSES } from "./causes";
import type { Diagnosis } from "./diagnose";
import type { RemediationPlan } from "./plan-remediation";
import type { TextReading } from "./read-error-text";
import { stepsWithinReach } from "./steps-within-reach";
import type { Locale } from "./types";

const HEADINGS = {
  en: {
    outcome: { apply: "Plan: apply these steps", "nothing-to-do": "Plan: nothing to change", "needs-attention": "Plan: stops for a person" },
    risk: "Risk",
    refused: "Not applied",
    heldBack: "Held back until a person acts",
    todo: "What to do",
    reach: "Automatic steps this report can lead to, each only after the live state confirms its cause",
    noReach: "none: nothing here is fixed by weakening the tenant",
    unrecognised: "none from this text; a live diagnosis of the mailbox (POST /api/diagnose) reads every layer",
    notes: "Notes",
    confidence: "confidence",
    evidence: "evidence",
    verdicts: { confirmed: "confirmed", possible: "possible", unknown: "could not check", "ruled-out": "ruled out" },
  },
  bg: {
    outcome: { apply: "План: прилагане на следните стъпки", "nothing-to-do": "План: няма какво да се променя", "needs-attention": "План: нужна е намеса от човек" },
    risk: "Риск",
    refused: "Не е приложено",
    heldBack: "Задържано до намеса от човек",
    todo: "Какво да се направи",
    reach: "Автоматични стъпки, до които този доклад може да доведе, всяка само след потвърждение от текущото състояние",
    noReach: "няма: нищо тук не се поправя с отслабване на защитата на организацията",
    unrecognised: "няма от този текст; диагностиката на живо на кутията (POST /api/diagnose) чете всеки слой",
    notes: "Бележки",
    confidence: "увереност",
    evidence: "доказателство",
    verdicts: { confirmed: "потвърдено", possible: "възможно", unknown: "не може да се провери", "ruled-out": "изключено" },
  },
} as const;

const percent = (n: number): string => `${Math.round(n * 100)}%`;

/** A plan as text a person reads in a ticket comment, in the given locale. */
export function describePlan(plan: RemediationPlan, locale: Locale = plan.locale): string {
  const h = HEADINGS[locale];
  const lines: string[] = [h.outcome[plan.outcome]];
  plan.steps.forEach((s, i) => lines.push(`${i + 1}. ${STEPS[s.name].title[locale]} — ${s.reason}`, `   ${h.risk}: ${s.risk}`));
  if (plan.attention) lines.push(plan.attention.reason);
  // The attention reason already quotes stopping refusals; list each step once, without repeating it.
  const refused = plan.refused.map((r) => `- ${STEPS[r.step].title[locale]}${plan.attention?.reason.includes(r.reason) ? "" : `: ${r.reason}`}`);
  if (refused.length > 0) lines.push(`${h.refused}:`, ...refused);
  if (plan.heldBack.length > 0) lines.push(`${h.heldBack}: ${plan.heldBack.map((s) => STEPS[s].title[locale]).join("; ")}`);
  if (plan.attention && plan.attention.guidance.length > 0) lines.push(`${h.todo}:`, ...plan.attention.guidance.map((g) => `- ${g}`));
  if (plan.notes.length > 0) lines.push(`${h.notes}:`, ...plan.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

/** A diagnosis as text: each cause with its verdict, confidence and evidence. */
export function describeDiagnosis(diagnosis: Diagnosis, locale: Locale): string {
  const h = HEADINGS[locale];
  return diagnosis.causes
    .map((c) => [`${CAUSES[c.id].title[locale]} [${c.id}] — ${h.verdicts[c.verdict]}, ${h.confidence} ${percent(c.confidence)}`, ...c.evidence.map((e) => `  ${e}`)].join("\n"))
    .join("\n");
}

/** What an error text says, for a person: each cause, confidence, evidence and what to do, then the steps within reach. */
export function describeReading(reading: TextReading, locale: Locale): string {
  const h = HEADINGS[locale];
  const reach = stepsWithinReach(reading);
  const recognised = reading.causes.some((c) => c.id !== "unknown");
  const none = recognised ? h.noReach : h.unrecognised;
  const reachLine = `${h.reach}: ${reach.length === 0 ? none : reach.map((s) => `${STEPS[s].title[locale]} [${s}]`).join("; ")}`;
  return reading.causes
    .map((c, i) => {
      const def = CAUSES[c.id];
      const lines = [`${i + 1}. ${def.title[locale]} [${c.id}] — ${h.confidence} ${percent(c.confidence)}`, `   ${def.meaning[locale]}`];
      if (c.evidence) lines.push(`   ${h.evidence}: "${c.evidence}"`);
      lines.push(`   ${h.todo}:`, ...def.guidance[locale].map((g) => `   - ${g}`));
      return lines.join("\n");
    })
    .concat(reachLine)
    .join("\n\n");
}
