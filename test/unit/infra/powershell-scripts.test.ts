import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Tree } from "web-tree-sitter";
import { beforeAll, describe, expect, it } from "vitest";
import { syntaxErrors } from "./bicep-syntax";
import { filesUnder } from "./files-under";
import { invalidDriveQualifiedVariables, powershellParser } from "./powershell-syntax";

const ROOT = join(__dirname, "../../..");

let parse: (source: string) => Tree;
beforeAll(async () => {
  parse = await powershellParser();
});

// PowerShell parses a whole script before it runs a line of it: one syntax error and an admin gets nothing done.
describe("every PowerShell script under infra/ parses", () => {
  it("with no syntax error and no `$name:` PowerShell would read as drive-qualified", () => {
    const files = filesUnder(join(ROOT, "infra"), ".ps1");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      expect({ file: relative(ROOT, file), errors: [...syntaxErrors(parse(source)), ...invalidDriveQualifiedVariables(parse, source)] }).toEqual({ file: relative(ROOT, file), errors: [] });
    }
  });

  it("notices a syntax error (the grammar is not lenient)", () => {
    expect(syntaxErrors(parse("if ($a { Write-Host 'x' }\n"))).not.toEqual([]);
  });

  it("notices `$name:` before a non-name character, in strings and here-strings, and lets the valid forms be", () => {
    const source = ['throw "No app for $AppId in $Organization: open it"', '@"', "$Tenant: here", '"@', 'Write-Host "$env:PATH ${Org}: $($Org): $Org`: $a::b $script:x"', "Write-Host 'single $Org: quoted'"].join("\n");
    expect(invalidDriveQualifiedVariables(parse, source)).toEqual([
      "line 1: $Organization: is read as a drive-qualified variable; write ${Organization}:",
      "line 3: $Tenant: is read as a drive-qualified variable; write ${Tenant}:",
    ]);
  });
});
