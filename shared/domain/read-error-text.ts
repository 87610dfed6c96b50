import { BASIC_MARKERS, ERROR_SIGNATURES, OAUTH_MARKERS, type ErrorSignature } from "./error-signatures";
import { compactPhrase, excerpt, textViews, type TextView } from "./error-text-views";
import { causeOrder } from "./causes";
import type { CauseId } from "./types";

/** How the client authenticates, as far as the text tells. */
export type AuthMethod = "basic" | "oauth" | "unknown";

/** One cause the error text points to. */
export interface TextCause {
  id: CauseId;
  /** 0..1: how strongly the text alone points here. */
  confidence: number;
  /** The text that matched, as it appears in the report (escapes decoded, whitespace collapsed). */
  evidence: string;
  replyCode?: number;
  enhancedCode?: string;
}

/** What a pasted error says: causes best first (`unknown` alone when nothing is recognisable). */
export interface TextReading {
  causes: TextCause[];
  authMethod?: AuthMethod;
}

interface CodeHit {
  code: string;
  reply?: number;
  start: number;
  end: number;
}

interface Hit extends TextCause {
  tier: number;
}

const ENHANCED_CODE = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?!\d|\.\d)/g;
const REPLY_BEFORE = /(?<!\d)([245]\d\d)(?:[\s,:\-'"(]|b'|b")*$/;
// A code belongs to a phrase when it sits this close before it (reply line, or a wrapper's prefix).
const CODE_REACH = 140;
const COMPILED = ERROR_SIGNATURES.map((sig) => ({ sig, phrases: sig.phrases.map(compactPhrase) }));

function codeHits(view: TextView): CodeHit[] {
  const hits: CodeHit[] = [];
  for (const m of view.text.matchAll(ENHANCED_CODE)) {
    const start = m.index;
    const reply = REPLY_BEFORE.exec(view.text.slice(Math.max(0, start - 10), start))?.[1];
    const replyStart = reply === undefined ? start : view.text.lastIndexOf(reply, start);
    hits.push({ code: m[1] as string, reply: reply === undefined ? undefined : Number(reply), start: replyStart, end: start + m[0].length });
  }
  return hits;
}

/** Collapses whitespace and a wrapper's punctuation between reply and enhanced code ("535, b'5.7.3"). */
function tidy(evidence: string): string {
  return evidence.replace(/\s+/g, " ").trim().replace(/^(\d{3})(?:[\s,:\-'"(]|b'|b")+(?=\d\.)/, "$1 ");
}

function toHits(sig: ErrorSignature, evidence: string, code: CodeHit | undefined): Hit[] {
  return sig.causes.map(([id, confidence]) => ({
    id,
    confidence,
    evidence,
    tier: sig.tier,
    ...(code?.reply === undefined ? {} : { replyCode: code.reply }),
    ...(code === undefined ? {} : { enhancedCode: code.code }),
  }));
}

function matchView(view: TextView, authMethod: AuthMethod): Hit[] {
  const codes = codeHits(view);
  const hits: Hit[] = [];
  for (const { sig, phrases } of COMPILED) {
    if (sig.requires === "oauth" ? authMethod !== "oauth" : sig.requires === "not-oauth" && authMethod === "oauth") continue;
    for (const phrase of phrases) {
      let at = view.compact.indexOf(phrase);
      while (at >= 0) {
        const textStart = view.positions[at] ?? 0;
        const code = codes.filter((c) => c.start <= textStart && textStart - c.end <= CODE_REACH).pop();
        const evidence = code
          ? tidy(view.text.slice(code.start, (view.positions[at + phrase.length - 1] ?? textStart) + 1))
          : excerpt(view, at, at + phrase.length);
        hits.push(...toHits(sig, evidence, code));
        at = view.compact.indexOf(phrase, at + phrase.length);
      }
    }
    for (const code of codes.filter((c) => sig.codes?.includes(c.code))) {
      hits.push(...toHits(sig, tidy(view.text.slice(code.start, code.end)), code));
    }
  }
  return hits;
}

/** Keeps the most specific tier found and, per cause, its strongest hit. */
function rank(hits: Hit[]): TextCause[] {
  const bestTier = Math.min(...hits.map((h) => h.tier));
  const byCause = new Map<CauseId, Hit>();
  for (const hit of hits.filter((h) => h.tier === bestTier)) {
    const seen = byCause.get(hit.id);
    const better = !seen || hit.confidence > seen.confidence || (hit.confidence === seen.confidence && hit.evidence.length > seen.evidence.length);
    if (better) byCause.set(hit.id, hit);
  }
  return [...byCause.values()]
    .sort((a, b) => b.confidence - a.confidence || causeOrder(a.id) - causeOrder(b.id))
    .map(({ tier: _tier, ...cause }) => cause);
}

function readAuthMethod(views: TextView[]): AuthMethod {
  const oauth = views.some((v) => OAUTH_MARKERS.some((re) => re.test(v.text)));
  const basic = views.some((v) => BASIC_MARKERS.some((re) => re.test(v.text)));
  if (oauth === basic) return "unknown";
  return oauth ? "oauth" : "basic";
}

/**
 * Reads a pasted error in any wrapper (exception, traceback, printer page, NDR, forwarded mail) and
 * returns the causes it points to, best first, with the text that matched as evidence.
 */
export function readErrorText(text: string): TextReading {
  const views = textViews(text);
  const authMethod = readAuthMethod(views);
  const hits = views.flatMap((view) => matchView(view, authMethod));
  if (hits.length === 0) return { causes: [{ id: "unknown", confidence: 0, evidence: "" }], authMethod };
  return { causes: rank(hits), authMethod };
}
