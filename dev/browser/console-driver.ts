import type { Page } from "puppeteer-core";

/** The console's views, as `[data-nav=...]` names them. */
export const CONSOLE_VIEWS = ["approvals", "requests", "tenants", "audits", "estate", "onboarding"] as const;
export type ConsoleView = (typeof CONSOLE_VIEWS)[number];

/**
 * Signs in the way a person does (and says how long the console took to show its sign-in button): the console's sign-in button, the simulator's Entra sign-in page,
 * the operator's button there, and back to the console with tokens (authorization code + PKCE).
 */
export async function signInThroughSimulator(page: Page, consoleUrl: string, upn: string): Promise<{ consoleReadyMs: number }> {
  const started = Date.now();
  await page.goto(consoleUrl, { waitUntil: "domcontentloaded" });
  await page.waitForSelector("[data-action=sign-in]");
  const consoleReadyMs = Date.now() - started;
  await Promise.all([page.waitForNavigation({ waitUntil: "domcontentloaded" }), page.click("[data-action=sign-in]")]);
  const choice = `button[data-upn="${upn.toLowerCase()}"]`;
  await page.waitForSelector(choice);
  await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click(choice)]);
  await page.waitForSelector(`[data-field=operator]`);
  await settled(page);
  return { consoleReadyMs };
}

/** Opens a view from the navigation and waits until it has loaded. */
export async function openView(page: Page, view: ConsoleView): Promise<void> {
  // Clicking the view already shown changes nothing; any other click re-renders the whole page.
  if (!(await page.$(`[data-nav=${view}][aria-current=page]`))) await page.click(`[data-nav=${view}]`);
  await page.waitForSelector(`[data-nav=${view}][aria-current=page]`);
  await settled(page);
}

/** Waits until the view is no longer loading. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector(`#view[aria-busy="false"]`);
}
