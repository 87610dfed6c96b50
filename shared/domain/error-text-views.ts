/**
 * Ways of looking at a pasted error so that wrappers do not hide the server's reply: byte-string
 * escapes, HTML from printer web pages, quoted-printable mail bodies, "> " quoting and line breaks.
 */

/** A decoded rendering of the text, plus its letters-and-digits-only form for phrase matching. */
export interface TextView {
  text: string;
  /** Lower-case letters and digits of `text`, everything else dropped. */
  compact: string;
  /** For each character of `compact`, its index in `text`. */
  positions: number[];
}

const HTML_TAG =
  /<\/?(?:html|head|body|div|span|p|br|hr|td|tr|th|table|tbody|font|b|i|u|pre|code|li|ul|ol|h[1-6]|strong|em|a|label|input|textarea|tt|small|big|center|nobr|section|article)\b[^<>]{0,300}>/gi;
const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

/** Undoes Python/JSON/C# string escapes: literal \r\n, \t, \xNN, \uNNNN and escaped quotes. */
export function decodeEscapes(text: string): string {
  return text
    .replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[rnt]/g, " ")
    .replace(/\\(['"\\])/g, "$1");
}

/** Replaces known HTML tags with spaces and decodes the common entities. */
export function stripHtml(text: string): string {
  return text
    .replace(HTML_TAG, " ")
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (_m, name: string) => ENTITIES[name.toLowerCase()] ?? " ")
    .replace(/&#(\d{2,4});/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

/** Decodes quoted-printable soft line breaks and =XX escapes. */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Drops e-mail quoting markers ("> ", ">> ") at the start of lines. */
export function unquoteLines(text: string): string {
  return text.replace(/(^|\n)[ \t]*(?:>[ \t]?)+/g, "$1");
}

/**
 * The letters and digits one character contributes to the compact form: ASCII as is, other
 * scripts lower-cased with accents dropped ("autenticación" and "autenticacion" compare equal),
 * so Spanish, Portuguese and Bulgarian replies match like English ones.
 */
function compactChars(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") ? ch : "";
  return ch.normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "");
}

/** Builds the view of one rendering. */
export function toView(text: string): TextView {
  let compact = "";
  const positions: number[] = [];
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    for (const c of compactChars(lower[i] as string)) {
      compact += c;
      positions.push(i);
    }
  }
  return { text, compact, positions };
}

/** Lower-case letters and digits only (accents dropped): the form phrases are compared in. */
export function compactPhrase(phrase: string): string {
  return [...phrase.toLowerCase()].map(compactChars).join("");
}

/**
 * Every rendering worth matching. Matching runs on each and the results are merged, so a decoder
 * that damages one rendering (a stray "<" swallowing text) cannot hide what another shows.
 */
export function textViews(raw: string): TextView[] {
  const decoded = unquoteLines(decodeEscapes(raw));
  const renderings = new Set<string>([decoded, stripHtml(decoded)]);
  if (/=(?:20|3D|0A|0D|\r?\n)/.test(raw)) renderings.add(stripHtml(unquoteLines(decodeEscapes(decodeQuotedPrintable(raw)))));
  return [...renderings].map(toView);
}

/** The stretch of a view's text behind compact[start, end), whitespace collapsed. */
export function excerpt(view: TextView, start: number, end: number): string {
  const from = view.positions[start] ?? 0;
  const to = (view.positions[end - 1] ?? view.text.length - 1) + 1;
  return view.text.slice(from, to).replace(/\s+/g, " ").trim();
}
