import type { Page } from "puppeteer-core";

/** What went wrong on a page while it was watched: console errors, uncaught exceptions, failed loads. */
export interface PageWatch {
  problems(): string[];
}

/**
 * Records every console error or warning, uncaught exception and failed request of a page. Chromium
 * reports Content-Security-Policy refusals as console errors, so a CSP that blocks the page's own
 * script or style shows up here too.
 */
export function watchPage(page: Page): PageWatch {
  const seen: string[] = [];
  page.on("console", (message) => {
    const type = message.type();
    const at = message.location().url ? ` (at ${message.location().url}:${message.location().lineNumber ?? 0})` : "";
    if (type === "error" || type === "warn") seen.push(`console.${type}: ${message.text()}${at}`);
  });
  page.on("pageerror", (error) => seen.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on("requestfailed", (request) => seen.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? "unknown"})`));
  page.on("response", (response) => {
    if (response.status() >= 500) seen.push(`server error: ${response.status()} ${response.url()}`);
  });
  return { problems: () => [...seen] };
}
