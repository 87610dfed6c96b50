import type { Tree } from "web-tree-sitter";
import { grammarParser, walk } from "./bicep-syntax";

/** Parses PowerShell with the tree-sitter-powershell grammar (its WebAssembly build, as for Bicep). */
export function powershellParser(): Promise<(source: string) => Tree> {
  return grammarParser("tree-sitter-powershell");
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
