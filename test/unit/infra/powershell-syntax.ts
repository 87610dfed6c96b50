import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Language, Parser } from "web-tree-sitter";
import type { Tree } from "web-tree-sitter";
import { walk } from "./bicep-syntax";

/** Parses PowerShell with the tree-sitter-powershell grammar (its WebAssembly build, as for Bicep). */
export async function powershellParser(): Promise<(source: string) => Tree> {
  await Parser.init();
  const wasm = join(require.resolve("tree-sitter-powershell/package.json"), "../tree-sitter-powershell.wasm");
  const parser = new Parser();
  parser.setLanguage(await Language.load(readFileSync(wasm)));
  return (source) => {
    const tree = parser.parse(source);
    if (!tree) throw new Error("tree-sitter returned no tree");
    return tree;
  };
}

/** A character that may follow `scope:` or `drive:` in a variable name. */
const NAME_CHARACTER = /[\p{L}\p{Nd}_?]/u;

/**
 * `$name:` followed by neither a name character nor a second colon: PowerShell reads the colon as part of a
 * scope- or drive-qualified name ($env:PATH) and refuses the whole file (InvalidVariableReferenceWithDrive);
 * write `${name}:` instead. tree-sitter-powershell accepts it, so this rule is checked on its own.
 */
export function invalidDriveQualifiedVariables(parse: (source: string) => Tree, source: string): string[] {
  const tree = parse(source);
  return [...walk(tree.rootNode)]
    .filter((n) => n.type === "variable" && /^\$\w+$/.test(n.text))
    .filter((n) => source[n.endIndex] === ":" && source[n.endIndex + 1] !== ":" && !NAME_CHARACTER.test(source[n.endIndex + 1] ?? ""))
    .map((n) => `line ${n.startPosition.row + 1}: ${n.text}: is read as a drive-qualified variable; write \${${n.text.slice(1)}}:`);
}
