import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { CAUSE_IDS, type CauseId } from "../../../shared/domain/types";

const DIR = join(__dirname, "../../fixtures/error-reports");
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();
const expectedCause = (file: string): CauseId => file.split(".")[0] as CauseId;

describe("reading real-world error reports", () => {
  it("has at least 40 reports, each named after a known cause id", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
    for (const file of FIXTURES) expect(CAUSE_IDS).toContain(expectedCause(file));
  });

  it.each(FIXTURES)("maps %s to its cause first", (file) => {
    const reading = readErrorText(readFileSync(join(DIR, file), "utf8"));
    expect(reading.causes[0]?.id).toBe(expectedCause(file));
  });

  it.each(FIXTURES.filter((f) => !f.startsWith("unknown.")))("quotes the matched text of %s as evidence", (file) => {
    const text = readFileSync(join(DIR, file), "utf8");
    const first = readErrorText(text).causes[0];
    const letters = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    expect(first?.evidence.length).toBeGreaterThan(5);
    // Escapes and tags aside, the evidence is text the report really contains.
    const lastWord = letters(first?.evidence ?? "").slice(-12);
    expect(letters(text.replace(/<[^>]*>|&\w+;/g, ""))).toContain(lastWord);
  });
});
