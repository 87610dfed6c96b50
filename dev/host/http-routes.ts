import type { HttpFunctionOptions } from "@azure/functions";

/** An HTTP function as the router sees it. */
export interface HttpRouteTarget {
  name: string;
  options: HttpFunctionOptions;
}

/** The outcome of matching a path and method against every HTTP function. */
export type RouteMatch =
  | { kind: "found"; target: HttpRouteTarget; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

interface CompiledRoute {
  target: HttpRouteTarget;
  pattern: RegExp;
  names: string[];
  methods: string[];
  /** Per-segment rank (literal < constrained < parameter < optional < catch-all), compared as ASP.NET routing does. */
  precedence: string;
}

/** The Functions runtime's default when an HTTP trigger names no methods. */
const DEFAULT_METHODS = ["GET", "POST"];

/**
 * Azure Functions route templates: `literal`, `{name}`, `{name?}`, `{name:constraint}` (only `int`
 * and `alpha` are checked) and a final `{*rest}`. Literal segments match case-insensitively.
 */
export function compileRoute(template: string): { pattern: RegExp; names: string[]; precedence: string } {
  const names: string[] = [];
  let source = "";
  let precedence = "";
  const segments = template.replace(/^\/+|\/+$/g, "").split("/").filter((s) => s.length > 0);
  for (const segment of segments) {
    const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(segment);
    if (!param) {
      source += `/${escapeRegExp(segment)}`;
      precedence += "1";
      continue;
    }
    const [, catchAll, name, constraint, optional] = param;
    names.push(name!);
    const value = catchAll ? "(.*)" : constraint === "int" ? "(-?\\d+)" : constraint === "alpha" ? "([A-Za-z]+)" : "([^/]+)";
    source += optional || catchAll ? `(?:/${value})?` : `/${value}`;
    precedence += catchAll ? "5" : optional ? "4" : constraint ? "2" : "3";
  }
  return { pattern: new RegExp(`^${source}/?$`, "i"), names, precedence };
}

/** Builds a router over the HTTP functions; `match` takes the path after `/api`. */
export function createRouter(targets: readonly HttpRouteTarget[]): (method: string, apiPath: string) => RouteMatch {
  const routes: CompiledRoute[] = targets
    .map((target) => {
      const compiled = compileRoute(target.options.route ?? target.name);
      const methods = (target.options.methods ?? DEFAULT_METHODS).map((m) => m.toUpperCase());
      return { target, methods, ...compiled };
    })
    .sort((a, b) => (a.precedence < b.precedence ? -1 : a.precedence > b.precedence ? 1 : 0));

  return (method, apiPath) => {
    const allowed = new Set<string>();
    for (const route of routes) {
      const m = route.pattern.exec(apiPath);
      if (!m) continue;
      if (!route.methods.includes(method.toUpperCase())) {
        route.methods.forEach((x) => allowed.add(x));
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        const raw = m[i + 1];
        if (raw !== undefined) params[name] = safeDecode(raw);
      });
      return { kind: "found", target: route.target, params };
    }
    return allowed.size > 0 ? { kind: "method-not-allowed", allowed: [...allowed].sort() } : { kind: "not-found" };
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
