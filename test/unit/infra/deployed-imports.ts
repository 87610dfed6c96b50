import { builtinModules } from "node:module";
import path from "node:path";

/** A compiled file of the deployed code: its absolute path and its JavaScript. */
export type CompiledFile = { path: string; source: string };

/** Every module a compiled file loads by name: require("x") and import("x"). */
export function loadedModules(source: string): string[] {
  return [...source.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? "");
}

/** The npm package a bare module name comes from: `@scope/name` or `name`, without a subpath. */
export function packageOf(moduleName: string): string {
  const parts = moduleName.split("/");
  return (moduleName.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

const isBuiltin = (moduleName: string): boolean => moduleName.startsWith("node:") || builtinModules.includes(moduleName);

/**
 * What would break, or weigh, in Azure, where only `dependencies` are installed and only `deployedDirs`
 * are shipped: a package loaded that is not a dependency, a relative load that leaves the shipped folders,
 * a dependency that no deployed file loads (it belongs in devDependencies).
 */
export function deploymentProblems(files: readonly CompiledFile[], dependencies: readonly string[], deployedDirs: readonly string[], root: string): string[] {
  const problems: string[] = [];
  const loaded = new Set<string>();
  for (const file of files) {
    const where = path.relative(root, file.path);
    for (const name of loadedModules(file.source)) {
      if (name.startsWith(".")) {
        const target = path.resolve(path.dirname(file.path), name);
        if (!deployedDirs.some((dir) => target.startsWith(dir + path.sep))) problems.push(`${where}: loads ${name}, which is not deployed`);
      } else if (!isBuiltin(name)) {
        loaded.add(packageOf(name));
        if (!dependencies.includes(packageOf(name))) problems.push(`${where}: loads ${packageOf(name)}, which is not in dependencies`);
      }
    }
  }
  problems.push(...dependencies.filter((d) => !loaded.has(d)).map((d) => `${d}: in dependencies, loaded by no deployed code`));
  return problems;
}
