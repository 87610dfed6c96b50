import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { launchBrowser } from "../../dev/browser/chromium";
import { watchPage, type PageWatch } from "../../dev/browser/page-watch";
import { renderAuditReportHtml } from "../../shared/audit/audit-report-html";
import { sampleReport } from "../unit/audit/support/sample-report";

let browser: Browser;
let page: Page;
let watch: PageWatch;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1200, height: 1600 });
  page = await browser.newPage();
  watch = watchPage(page);
  await page.setContent(renderAuditReportHtml(sampleReport()), { waitUntil: "load" });
});
afterAll(() => browser?.close());

describe("the HTML audit report in headless Chromium", () => {
  it("parses into the report's tables and chart, with no console errors", async () => {
    expect(await page.title()).toContain("SMTP AUTH compliance audit: contoso");
    expect(await page.$$eval("svg rect", (rects) => rects.length)).toBe(5);
    expect(await page.$eval("body", (body) => body.textContent)).toContain("privileged-account-weakened");
    expect(watch.problems()).toEqual([]);
  });

  it("renders to a screenshot", async () => {
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.byteLength).toBeGreaterThan(10_000);
  });
});
