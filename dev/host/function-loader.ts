import { readdirSync } from "node:fs";
import path from "node:path";
import type { FunctionDefinition } from "../../functions/define";

const KINDS = new Set(["http", "serviceBusQueue", "timer"]);

/** True when a module export is what functions/define.ts returns. */
export function isFunctionDefinition(value: unknown): value is FunctionDefinition {
  if (value === null || typeof value !== "object") return false;
  const candidate = value as { kind?: unknown; name?: unknown; options?: unknown };
  return (
    typeof candidate.kind === "string" &&
    KINDS.has(candidate.kind) &&
    typeof candidate.name === "string" &&
    candidate.options !== null &&
    typeof candidate.options === "object" &&
    typeof (candidate.options as { handler?: unknown }).handler === "function"
  );
}

/** Every FunctionDefinition exported by the given modules; one name may appear once only. */
export function collectFunctionDefinitions(modules: readonly unknown[]): FunctionDefinition[] {
  const byName = new Map<string, FunctionDefinition>();
  for (const mod of modules) {
    if (mod === null || typeof mod !== "object") continue;
    for (const value of Object.values(mod)) {
      if (!isFunctionDefinition(value)) continue;
      const existing = byName.get(value.name);
      if (existing && existing !== value) throw new Error(`Two functions are named "${value.name}".`);
      byName.set(value.name, value);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Outside the Functions runtime, @azure/functions warns once that it runs in "test mode" and once per
 * registration that it skips it. Here that is expected (this host serves the functions itself), so
 * those lines are replaced by one that says so; any other warning passes through.
 */
const TEST_MODE_NOISE = [/^WARNING: Failed to detect the Azure Functions runtime/, /^WARNING: Skipping call to register function/];

/** Requires every compiled `*.js` in a folder (the dist/functions of a build) and returns the modules. */
export function requireFunctionModules(functionsDir: string): unknown[] {
  const files = readdirSync(functionsDir)
    .filter((f) => f.endsWith(".js"))
    .sort();
  const warn = console.warn;
  let quieted = 0;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && TEST_MODE_NOISE.some((re) => re.test(args[0] as string))) quieted++;
    else warn(...args);
  };
  try {
    return files.map((f) => {
      try {
        return require(path.join(functionsDir, f)) as unknown;
      } catch (e) {
        throw new Error(`Loading function file ${f} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    });
  } finally {
    console.warn = warn;
    if (quieted > 0) console.log("Running outside the Azure Functions runtime: this local host serves the functions itself.");
  }
}
