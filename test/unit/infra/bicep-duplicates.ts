import type { Node, Tree } from "web-tree-sitter";
import { stringValue, walk } from "./bicep-syntax";

/**
 * Names Bicep refuses twice in one file, without Azure's type data:
 * - params, vars, resources, modules, types and functions share one namespace (BCP028), outputs have their own;
 * - names of one kind that differ only in case (BCP353): the ARM engine does not tell them apart;
 * - object keys, compared without case as ARM does (BCP025; Azure/bicep#11457).
 * Each finding reads "line N: what".
 */
export function duplicateNames(tree: Tree): string[] {
  return [...duplicateDeclarations(tree), ...duplicateObjectKeys(tree)].sort((a, b) => lineOf(a) - lineOf(b));
}

const SHARED_NAMESPACE = ["parameter_declaration", "variable_declaration", "resource_declaration", "module_declaration", "type_declaration", "user_defined_function"];

function duplicateDeclarations(tree: Tree): string[] {
  const declared = tree.rootNode.children
    .filter((n): n is Node => n !== null && (SHARED_NAMESPACE.includes(n.type) || n.type === "output_declaration"))
    .map((n) => ({ kind: n.type.replace(/_declaration$/, ""), name: n.child(1)?.text ?? "", line: n.startPosition.row + 1 }));
  const shared = declared.filter((d) => d.kind !== "output");
  const outputs = declared.filter((d) => d.kind === "output");
  return [
    ...repeats(shared, (d) => d.name).map(([first, d]) => `line ${d.line}: ${d.kind} "${d.name}" declared again (first at line ${first.line})`),
    ...repeats(outputs, (d) => d.name.toLowerCase()).map(([first, d]) => `line ${d.line}: output "${d.name}" declared again (first at line ${first.line})`),
    ...repeats(shared, (d) => `${d.kind} ${d.name.toLowerCase()}`)
      .filter(([first, d]) => first.name !== d.name)
      .map(([first, d]) => `line ${d.line}: ${d.kind} "${d.name}" differs only in case from line ${first.line}`),
  ];
}

function duplicateObjectKeys(tree: Tree): string[] {
  return [...walk(tree.rootNode)]
    .filter((n) => n.type === "object")
    .flatMap((object) => {
      const keys = object.children
        .filter((p): p is Node => p?.type === "object_property")
        .map((p) => ({ key: stringValue(p.child(0)) ?? p.child(0)?.text ?? "", line: p.startPosition.row + 1 }));
      return repeats(keys, (k) => k.key.toLowerCase()).map(([first, k]) => `line ${k.line}: key "${k.key}" repeated in one object (first at line ${first.line})`);
    });
}

/** Each item whose identity an earlier item already had, paired with that earlier item. */
function repeats<T>(items: readonly T[], identity: (item: T) => string): [T, T][] {
  const seen = new Map<string, T>();
  const out: [T, T][] = [];
  for (const item of items) {
    const first = seen.get(identity(item));
    if (first) out.push([first, item]);
    else seen.set(identity(item), item);
  }
  return out;
}

const lineOf = (finding: string): number => Number(/^line (\d+)/.exec(finding)?.[1]);
