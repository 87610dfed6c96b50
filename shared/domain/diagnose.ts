import { basicAuthDefaultCheck, type BasicAuthDefault } from "./basic-auth-default";
import type { CodedText } from "./coded-text";
import { CAUSES, causeOrder } from "./causes";
import { checkCause, unreadLayers, type LayerField } from "./live-checks";
import type { MailboxState } from "./mailbox-state";
import type { AuthMethod, TextCause, TextReading } from "./read-error-text";
import { CAUSE_IDS, type CauseId, type StepName } from "./types";

/** Basic auth for SMTP AUTH is off by default from here on (MC786329: "end of December 2026"). */
export const BASIC_AUTH_OFF_BY_DEFAULT_FROM = "2027-01-01T00:00:00.000Z";

/** Whether Microsoft has switched basic authentication for SMTP AUTH off by default at `now`. */
export function isBasicAuthRetired(now: Date): boolean {
  return now.getTime() >= Date.parse(BASIC_AUTH_OFF_BY_DEFAULT_FROM);
}

/** confirmed/ruled-out/unknown come from live state; possible from the error text alone. */
export type Verdict = "confirmed" | "possible" | "ruled-out" | "unknown";

/** One cause as diagnosed. */
export interface DiagnosedCause {
  id: CauseId;
  verdict: Verdict;
  /** 0..1; 0 when ruled out. */
  confidence: number;
  evidence: string[];
  /** The live evidence (the first of `evidence`) as a code, when the live state confirmed the cause. */
  evidenceCode?: CodedText;
  fixStep: StepName | null;
}

/** Every cause weighed, best first: confirmed, then possible, unknown, ruled out. */
export interface Diagnosis {
  causes: DiagnosedCause[];
  authMethod: AuthMethod;
  /** Layers of the live state that could not be read. */
  unread: Array<{ layer: LayerField; label: string; reason: string }>;
  /** Whether a live state was read at all. */
  live: boolean;
}

/** Input of diagnose(): the reading of the error text, the live state, or both; and the time. */
export interface DiagnoseInput {
  text?: TextReading;
  state?: MailboxState;
  now: Date;
  /** The tenant basic-auth default as the app setting takes it (basic-auth-default.ts); "date" when absent. */
  basicAuthDefault?: BasicAuthDefault;
}

/** Confidence of an unread layer the recognised error text does not point to. */
export const UNMENTIONED = 0.05;
const UNREAD_WITHOUT_TEXT = 0.2;

/** True when the text reading recognised anything at all. */
export function hasRecognisedText(text: TextReading | undefined): boolean {
  return text !== undefined && text.causes.some((c) => c.id !== "unknown");
}

const VERDICT_RANK: Record<Verdict, number> = { confirmed: 0, possible: 1, unknown: 2, "ruled-out": 3 };
const round = (n: number): number => Math.round(n * 100) / 100;

/** After the retirement date a basic-auth failure is most likely the retirement itself. */
function textConfidence(cause: TextCause | undefined, id: CauseId, retired: boolean): number {
  const base = cause?.confidence ?? 0;
  if (id !== "basic-auth-retired" || !retired || !cause) return base;
  return base >= 0.8 ? Math.max(base, 0.9) : Math.max(base, 0.6);
}

function weigh(id: CauseId, input: DiagnoseInput, authMethod: AuthMethod): DiagnosedCause | null {
  const textCause = input.text?.causes.find((c) => c.id === id);
  const retired = isBasicAuthRetired(input.now);
  const fromText = textConfidence(textCause, id, retired);
  // A reading may carry the sign-in log's evidence too (sign-in-reading.ts): each is labelled by its source.
  const textEvidence = (textCause?.evidence ? textCause.evidence.split(/; (?=sign-in log: )/) : []).map((e) => (e.startsWith("sign-in log: ") ? e : `error text: ${e}`));
  // The end-of-December default is a layer of its own for a basic-auth client read live, as the setting takes it.
  const fromSetting = id === "basic-auth-retired" && input.state && authMethod !== "oauth" ? basicAuthDefaultCheck(input.basicAuthDefault) : null;
  const live = fromSetting ?? checkCause(id, input.state, authMethod);
  const fixStep = CAUSES[id].fixStep;
  if (live?.verdict === "confirmed") return { id, verdict: "confirmed", confidence: round(0.9 + 0.09 * fromText), evidence: [live.evidence, ...textEvidence], ...(live.evidenceCode ? { evidenceCode: live.evidenceCode } : {}), fixStep };
  if (live?.verdict === "ruled-out") return { id, verdict: "ruled-out", confidence: 0, evidence: [live.evidence, ...textEvidence], fixStep };
  if (live?.verdict === "unknown") {
    // Unread and unmentioned by a recognised error text: barely in play; with no text: fully in play.
    const confidence = textCause ? fromText : hasRecognisedText(input.text) ? UNMENTIONED : UNREAD_WITHOUT_TEXT;
    return { id, verdict: "unknown", confidence: round(confidence), evidence: [live.evidence, ...textEvidence], fixStep };
  }
  if (textCause && id !== "unknown") return { id, verdict: "possible", confidence: round(fromText), evidence: textEvidence, fixStep };
  if (id === "basic-auth-retired" && retired && input.state && !input.text && authMethod !== "oauth") {
    return { id, verdict: "possible", confidence: 0.4, evidence: [`basic authentication for SMTP AUTH is off by default since ${BASIC_AUTH_OFF_BY_DEFAULT_FROM.slice(0, 10)}`], fixStep };
  }
  return null;
}

/**
 * Weighs every cause against the error text and the live state. A layer that could not be read
 * stays `unknown`; causes only the text can tell stay `possible`. Pure: `now` is an input.
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const authMethod = input.text?.authMethod ?? "unknown";
  const causes = CAUSE_IDS.map((id) => weigh(id, input, authMethod))
    .filter((c): c is DiagnosedCause => c !== null)
    .sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || b.confidence - a.confidence || causeOrder(a.id) - causeOrder(b.id));
  const unread = input.state ? unreadLayers(input.state) : [];
  const explained = causes.some((c) => c.verdict === "confirmed" || c.verdict === "possible" || c.verdict === "unknown");
  if (!explained) {
    const evidence = input.state ? ["every layer read is in order"] : ["nothing recognisable in the error text"];
    causes.unshift({ id: "unknown", verdict: "possible", confidence: 0, evidence, fixStep: null });
  }
  return { causes, authMethod, unread, live: input.state !== undefined };
}
