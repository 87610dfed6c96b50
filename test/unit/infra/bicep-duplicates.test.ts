import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Tree } from "web-tree-sitter";
import { beforeAll, describe, expect, it } from "vitest";
import { duplicateNames } from "./bicep-duplicates";
import { bicepParser } from "./bicep-syntax";
import { filesUnder } from "./files-under";

const ROOT = join(__dirname, "../../..");

let parse: (source: string) => Tree;
beforeAll(async () => {
  parse = await bicepParser();
});

// Bicep refuses a file that declares a name twice or repeats a key (BCP028, BCP025); a Map of keys hides both.
describe("every .bicep under infra/ declares each name and object key once", () => {
  it("has no duplicate declaration or object key", () => {
    const files = filesUnder(join(ROOT, "infra"), ".bicep");
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) expect({ file: relative(ROOT, file), duplicates: duplicateNames(parse(readFileSync(file, "utf8"))) }).toEqual({ file: relative(ROOT, file), duplicates: [] });
  });

  it("notices a name declared twice, whatever the kinds, and outputs apart from the rest", () => {
    const source = ["param a string", "var a = 1", "resource r 'A/b@1' = {}", "module r 'm.bicep' = {}", "output a string = a", "output A string = a", "var b = 1", "var B = 2"].join("\n");
    expect(duplicateNames(parse(source))).toEqual([
      'line 2: variable "a" declared again (first at line 1)',
      'line 4: module "r" declared again (first at line 3)',
      'line 6: output "A" declared again (first at line 5)',
      'line 8: variable "B" differs only in case from line 7',
    ]);
  });

  it("notices a key repeated in any object, nested or quoted, and ignores case as ARM does", () => {
    const source = ["var s = {", "  A: 1", "  'A': 2", "  inner: {", "    x: 1", "    X: 2", "  }", "}", "var t = [for i in range(0, 2): { n: i, n: i }]"].join("\n");
    expect(duplicateNames(parse(source))).toEqual([
      'line 3: key "A" repeated in one object (first at line 2)',
      'line 6: key "X" repeated in one object (first at line 5)',
      'line 9: key "n" repeated in one object (first at line 9)',
    ]);
  });

  it("lets the same key stand in different objects and a name be both a param and an output", () => {
    expect(duplicateNames(parse("param name string\nvar a = { x: 1, y: { x: 2 } }\noutput name string = name\n"))).toEqual([]);
  });
});
