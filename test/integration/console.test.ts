import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { launchBrowser } from "../../dev/browser/chromium";
import { watchPage, type PageWatch } from "../../dev/browser/page-watch";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";

const OPERATOR_SETTINGS = { OPERATOR_TENANT_ID: "8d4f3a2e-6b1c-4e57-9a0d-1f2e3d4c5b6a", OPERATOR_API_AUDIENCE: "5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c", OPERATOR_AUTHORITY_HOST: "https://127.0.0.1:7080" };

describe("the operator console as served", () => {
  let stack: LocalStack;
  let browser: Browser;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLocalStack({ settings: OPERATOR_SETTINGS }), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("serves the page with a strict Content-Security-Policy and its sign-in settings without secrets", async () => {
    const page = await stack.api<string>("/api/console", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const config = await stack.api("/api/console/config.json");
    expect(config.body).toEqual({ clientId: "0c3e9a71-5d2b-4f88-b6a4-7e1f0d9c2b3a", authority: `https://127.0.0.1:7080/${OPERATOR_SETTINGS.OPERATOR_TENANT_ID}`, apiScope: `api://${OPERATOR_SETTINGS.OPERATOR_API_AUDIENCE}/access_as_user`, apiBaseUrl: "" });
    const script = await stack.api<string>("/api/console/app.js");
    expect(script.headers["content-type"]).toMatch(/^text\/javascript/);
    // The values of the sample's secrets (MSAL's own code names "client_secret" as a parameter, holding none).
    expect(script.body).not.toMatch(/sim-secret|local-dev-[a-z]+-secret|Eby8vdM02/);
  });

  it("serves only the files it built: no path reaches the file system", async () => {
    for (const path of ["/api/console/..%2Fpackage.json", "/api/console/../../package.json", "/api/console/functions%2Fconsole.js", "/api/console/nope.js"]) {
      const res = await stack.api(path);
      expect([404]).toContain(res.status);
    }
  });

  it("renders the sign-in page in Chromium with no console errors, English and Bulgarian", async () => {
    const page: Page = await browser.newPage();
    const watch: PageWatch = watchPage(page);
    await page.goto(`${stack.host.url}/api/console`, { waitUntil: "networkidle0" });
    await page.waitForSelector("[data-action=sign-in]");
    expect(await page.$eval("[data-action=sign-in]", (b) => b.textContent)).toBe("Sign in with Microsoft");
    await page.click("[data-action=language]");
    await page.waitForFunction(`document.querySelector("[data-action=sign-in]")?.textContent === "Вход с Microsoft"`);
    expect(await page.$eval("html", (html) => html.getAttribute("lang"))).toBe("bg");
    expect(watch.problems()).toEqual([]);
  });
});
