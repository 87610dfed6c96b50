import type { Locale } from "./types";

/**
 * A server-side sentence kept as a stable code and its parameters next to the English text, so each
 * surface (console, notes, pages) renders it in its reader's language. `parts` follow it, in order.
 */
export interface CodedText {
  code: string;
  params?: Record<string, string | number>;
  parts?: CodedText[];
}

/** A catalogue: each code with its template in every locale, `{name}` filled from params. */
export type Catalogue = Record<string, Record<Locale, string>>;

/**
 * Renders coded text from a catalogue. Params named in `listParams` hold comma-separated words, each
 * looked up in `words` (step names, values); other params are shown as given. An unknown code renders
 * as the code, so a newer server never shows an empty line.
 */
export function renderCoded(text: CodedText, locale: Locale, catalogue: Catalogue, words: Catalogue = {}): string {
  const template = catalogue[text.code]?.[locale] ?? text.code;
  const word = (value: string) => words[value]?.[locale] ?? value;
  const own = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = text.params?.[name];
    if (value === undefined) return "";
    return typeof value === "string" ? value.split(",").map((v) => word(v.trim())).join(", ") : String(value);
  });
  return [own.trim(), ...(text.parts ?? []).map((p) => renderCoded(p, locale, catalogue, words))].join(" ");
}
