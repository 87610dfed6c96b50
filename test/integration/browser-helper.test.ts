import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "puppeteer-core";
import { launchBrowser } from "../../dev/browser/chromium";
import { watchPage } from "../../dev/browser/page-watch";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the browser that npm ci brings", () => {
  it("runs a page's script at the requested viewport", async () => {
    const page = await browser.newPage();
    await page.setContent("<p id=out></p><script>document.getElementById('out').textContent = innerWidth + 'x' + innerHeight</script>");
    expect(await page.$eval("#out", (p) => p.textContent)).toBe("1280x800");
  });

  it("reports console errors, uncaught exceptions and Content-Security-Policy refusals", async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.setContent(`<meta http-equiv="Content-Security-Policy" content="script-src 'none'"><script>console.log("blocked")</script>`);
    const clean = await browser.newPage();
    const cleanWatch = watchPage(clean);
    await clean.setContent(`<script>console.error("boom"); setTimeout(() => { throw new Error("late") })</script>`);
    await clean.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(watch.problems().join("\n")).toMatch(/Content Security Policy/);
    expect(cleanWatch.problems()).toEqual(expect.arrayContaining(["console.error: boom", expect.stringMatching(/^uncaught: .*late/)]));
  });
});
