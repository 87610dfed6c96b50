import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Language, Parser } from "web-tree-sitter";
import type { Node, Tree } from "web-tree-sitter";

/** A parser for the grammar an npm package ships as WebAssembly (no native compiler needed). */
export async function grammarParser(pkg: string): Promise<(source: string) => Tree> {
  await Parser.init();
  const wasm = join(require.resolve(`${pkg}/package.json`), `../${pkg}.wasm`);
  const parser = new Parser();
  parser.setLanguage(await Language.load(readFileSync(wasm)));
  return (source) => {
    const tree = parser.parse(source);
    if (!tree) throw new Error(`${pkg} returned no tree`);
    return tree;
  };
}

/** Parses Bicep with the tree-sitter-bicep grammar. */
export function bicepParser(): Promise<(source: string) => Tree> {
  return grammarParser("tree-sitter-bicep");
}

/** Every node of the tree, depth first. */
export function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* walk(child);
}

/** Where the grammar found a syntax error or had to invent a missing token. */
export function syntaxErrors(tree: Tree): string[] {
  return [...walk(tree.rootNode)]
    .filter((n) => n.isError || n.isMissing)
    .map((n) => `${n.isMissing ? "missing" : "error"} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}`);
}

/** The text of a string literal without quotes, or undefined for any other node. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== "string") return undefined;
  return node.text.replace(/^'|'$/g, "");
}

/** The object literal a `var NAME = {...}` declares. */
export function variableObject(tree: Tree, name: string): Node {
  for (const decl of tree.rootNode.children) {
    if (decl?.type !== "variable_declaration" || decl.child(1)?.text !== name) continue;
    const value = decl.children.find((c) => c?.type === "object");
    if (value) return value;
  }
  throw new Error(`no object variable ${name}`);
}

/** Property name → value node of an object literal (its own properties, not nested ones). */
export function properties(object: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const prop of object.children) {
    if (prop?.type !== "object_property") continue;
    const key = prop.child(0);
    const value = prop.children.at(-1);
    if (key && value) out.set(stringValue(key) ?? key.text, value);
  }
  return out;
}

/** `resource x 'Type@version'` declarations: their type and API version. */
export function resourceTypes(tree: Tree): { symbol: string; type: string; apiVersion: string }[] {
  return tree.rootNode.children
    .filter((n): n is Node => n?.type === "resource_declaration")
    .map((n) => {
      const [type = "", apiVersion = ""] = (stringValue(n.children.find((c) => c?.type === "string")) ?? "").split("@");
      return { symbol: n.child(1)?.text ?? "", type, apiVersion };
    });
}

/** Names of the `output` declarations. */
export function outputNames(tree: Tree): string[] {
  return tree.rootNode.children.filter((n): n is Node => n?.type === "output_declaration").map((n) => n.child(1)?.text ?? "");
}

/** The values of the `@allowed([...])` decorator of a parameter. */
export function allowedValues(tree: Tree, param: string): string[] {
  const children = tree.rootNode.children;
  const index = children.findIndex((n) => n?.type === "parameter_declaration" && n.child(1)?.text === param);
  const decorators = index > 0 && children[index - 1]?.type === "decorators" ? children[index - 1] : undefined;
  const allowed = decorators ? [...walk(decorators)].find((n) => n.type === "call_expression" && n.child(0)?.text === "allowed") : undefined;
  if (!allowed) throw new Error(`no @allowed for ${param}`);
  return [...walk(allowed)].map((n) => stringValue(n)).filter((s): s is string => s !== undefined);
}
