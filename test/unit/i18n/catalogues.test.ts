import { describe, expect, it } from "vitest";
import { messageCatalogues, englishSentences } from "../../support/message-catalogues";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Product names that read the same in both languages, and the language switch, which names the other language in it. */
const NOT_CYRILLIC = new Set(["path.oauth", "path.high-volume-email", "path.graph-sendmail", "api", "language"]);

describe("the message catalogues", () => {
  const catalogues = Object.entries(messageCatalogues());

  it("give every message in English and Bulgarian, with the same placeholders", () => {
    for (const [name, catalogue] of catalogues) {
      expect(Object.keys(catalogue).length, name).toBeGreaterThan(0);
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.en?.trim(), `${name}.${key} en`).toBeTruthy();
        expect(text.bg?.trim(), `${name}.${key} bg`).toBeTruthy();
        expect(placeholders(text.bg), `${name}.${key} placeholders`).toEqual(placeholders(text.en));
      }
    }
  });

  it("have Bulgarian that is Bulgarian, not the English copied over", () => {
    for (const [name, catalogue] of catalogues) {
      for (const [key, text] of Object.entries(catalogue)) {
        if (NOT_CYRILLIC.has(key)) continue;
        expect(text.bg, `${name}.${key}`).toMatch(/[А-Яа-я]/);
      }
    }
  });

  it("yield the English sentences a Bulgarian page is checked against", () => {
    const sentences = englishSentences();
    expect(sentences).toContain("Waiting for a second person to approve");
    expect(sentences).toContain("weakens security for the whole tenant");
    expect(sentences.every((s) => !/[А-Яа-я]/.test(s))).toBe(true);
  });
});
