import axe from "axe-core";
import type { Page } from "puppeteer-core";

/** axe's impacts that block a reader: what a view must not have. */
const BLOCKING = new Set(["serious", "critical"]);

/**
 * Runs axe-core on the page as it is now (open shadow roots included) and returns its serious and
 * critical violations as lines: rule, impact and the first nodes it found.
 */
export async function blockingViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the console's strict CSP (script-src 'self') stays as it is.
  if (!(await page.evaluate(`"axe" in window`))) await page.evaluate(axe.source);
  const results = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as axe.AxeResults;
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}
