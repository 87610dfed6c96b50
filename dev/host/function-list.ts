import type { FunctionDefinition } from "../../functions/define";

const DEFAULT_METHODS = ["GET", "POST"];

/** The function list Core Tools prints on start: HTTP ones with their URL, others with their trigger. */
export function describeFunctions(functions: readonly FunctionDefinition[], baseUrl: string, routePrefix: string): string {
  const lines = ["", "Functions:", ""];
  for (const f of functions) {
    if (f.kind === "http") {
      const methods = (f.options.methods ?? DEFAULT_METHODS).join(",");
      const route = f.options.route ?? f.name;
      lines.push(`        ${f.name}: [${methods}] ${baseUrl}/${routePrefix ? `${routePrefix}/` : ""}${route}`);
    } else {
      lines.push(`        ${f.name}: ${f.kind === "timer" ? "timerTrigger" : "serviceBusTrigger"}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
