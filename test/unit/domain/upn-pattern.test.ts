import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesAnyPattern, matchesPattern } from "../../../shared/domain/upn-pattern";

/** The meaning the policy documents, as a regular expression: fine for short inputs, exponential for long ones. */
function reference(address: string, pattern: string): boolean {
  const source = pattern.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${source}$`, "is").test(address);
}

describe("matchesPattern", () => {
  it("matches whole addresses, case-insensitively, with * for any run of characters", () => {
    expect(matchesPattern("Scan01@Contoso.example", "scan*@contoso.example")).toBe(true);
    expect(matchesPattern("scan01@contoso.example.evil", "scan*@contoso.example")).toBe(false);
    expect(matchesPattern("xscan01@contoso.example", "scan*@contoso.example")).toBe(false);
    expect(matchesPattern("a@b", "*")).toBe(true);
    expect(matchesPattern("ab", "a*b*")).toBe(true);
    expect(matchesPattern("aba", "*ab*ba*")).toBe(false); // the pieces may not overlap
    expect(matchesPattern("abba", "*ab*ba*")).toBe(true);
    expect(matchesAnyPattern("cfo@contoso.example", ["scan*@*", "printer*@*"])).toBe(false);
  });

  it("agrees with the regular-expression meaning on random patterns and addresses", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "@", ".", "A"), maxLength: 12 });
    const pattern = fc.string({ unit: fc.constantFrom("a", "b", "*", "@", "."), maxLength: 8 });
    fc.assert(fc.property(text, pattern, (t, p) => matchesPattern(t, p) === reference(t, p)), { numRuns: 5_000 });
  });

  it("answers a many-wildcard pattern against a long address at once (a regex of .* runs backtracks for minutes)", () => {
    const address = `${"a".repeat(300)}@contoso.example`;
    expect(matchesPattern(address, "*a*a*a*a*a*a*a*a*a*a*b")).toBe(false);
    expect(matchesPattern(address, "*a*a*a*a*a*a*a*a*a*a*e")).toBe(true);
  });
});
