import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { launchBrowser } from "../../dev/browser/chromium";
import { openView, signInThroughSimulator } from "../../dev/browser/console-driver";
import { watchPage } from "../../dev/browser/page-watch";
import { seedConsoleScenario, type ConsoleScenario } from "../../dev/console-scenario";
import { startDemoStack } from "../../dev/demo-tenants";
import type { LocalStack } from "../../dev/local-stack";
import { APP_PERMISSIONS } from "../../shared/m365/permission-manifest";

const NEW_TENANT = "woodgrove-demo";
const NEW_DOMAIN = "woodgrove.example";

/** The MSP's estate in the browser: a tenant onboarded from the console, and every sender across tenants. */
describe("onboarding and the estate in the console", () => {
  let stack: LocalStack;
  let browser: Browser;
  let scenario: ConsoleScenario;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDemoStack(), launchBrowser({ acceptInsecureCerts: true })]);
    scenario = await seedConsoleScenario(stack);
    // A new customer whose administrator consented without Organization.Read.All.
    await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: NEW_TENANT, domain: NEW_DOMAIN, mailboxes: 3 } });
    await stack.simApi(`/_sim/tenants/${NEW_TENANT}`, { method: "PATCH", body: { grantedPermissions: APP_PERMISSIONS.filter((p) => p !== "Organization.Read.All") } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedIn(): Promise<{ page: Page; problems: () => string[] }> {
    const page = await browser.newPage();
    const watch = watchPage(page);
    // The requester holds Tenant.Manage: onboarding is hers to do.
    await signInThroughSimulator(page, `${stack.host.url}/api/console`, scenario.requester);
    return { page, problems: () => watch.problems() };
  }

  it("onboards a tenant by its domain: the check names the missing permission, and after consent the first audit appears", async () => {
    const { page, problems } = await signedIn();
    await openView(page, "onboarding");
    await page.type("[data-field=tenant]", NEW_DOMAIN);
    await page.click("[data-action=resolve]");
    await page.waitForSelector("[data-field=tenant-id]");
    expect(await page.$eval("[data-field=tenant-id]", (e) => e.textContent)).toBe(NEW_TENANT);
    expect(await page.$eval("[data-field=consent-url]", (e) => e.getAttribute("href"))).toBe(`${stack.sim.baseUrl}/${NEW_TENANT}/adminconsent?client_id=sim-client`);

    await page.click("[data-action=check-consent]");
    await page.waitForSelector("[data-missing-permission]");
    expect(await page.$$eval("[data-missing-permission]", (items) => items.map((i) => i.getAttribute("data-missing-permission")))).toEqual(["Organization.Read.All"]);
    expect(await page.$eval("[data-missing-permission]", (e) => e.textContent)).toContain("Onboarding");
    expect(await page.$eval("[data-feature=onboarding]", (e) => e.getAttribute("data-allowed"))).toBe("false");
    expect(await page.$("[data-action=onboard]")).toBeNull();

    // The administrator opens the link again and grants everything.
    await stack.simApi(`/_sim/tenants/${NEW_TENANT}`, { method: "PATCH", body: { grantedPermissions: [...APP_PERMISSIONS] } });
    await page.click("[data-action=check-consent]");
    await page.waitForSelector("[data-field=consent-complete][data-complete=true]");
    await page.click("[data-action=onboard]");
    await page.waitForSelector("[data-field=first-audit][data-state=done]", { timeout: 90_000 });
    const runId = await page.$eval("[data-field=first-audit]", (e) => e.getAttribute("data-run-id"));
    expect((await stack.api(`/api/audits/${NEW_TENANT}/latest`)).body.runId).toBe(runId);
    expect((await stack.api("/api/tenants")).body.tenants.map((t: { tenantId: string }) => t.tenantId)).toContain(NEW_TENANT);

    await page.click("[data-action=issue-webhook]");
    await page.waitForSelector("[data-field=webhook-secret]");
    expect(await page.$eval("[data-field=webhook-url]", (e) => e.textContent)).toMatch(new RegExp(`/api/webhooks/${"zendesk"}/`));
    expect((await page.$eval("[data-field=webhook-secret]", (e) => e.textContent))?.length).toBeGreaterThan(20);
    expect(await page.$eval("[data-field=ticket-connection]", (e) => e.textContent)).toContain(`PUT /api/tenants/${NEW_TENANT}/ticket-connections/{system}`);
    expect(problems()).toEqual([]);
    await page.close();
  }, 180_000);

  it("lists the senders of several tenants, sorts and filters them, and its CSV download holds every one", async () => {
    const { page, problems } = await signedIn();
    const folder = mkdtempSync(join(tmpdir(), "estate-downloads-"));
    const session = await page.createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: folder });
    await openView(page, "estate");
    const rows = () => page.$$eval("tr[data-sender]:not([hidden])", (trs) => trs.map((tr) => `${tr.getAttribute("data-tenant-id")} ${tr.getAttribute("data-sender")}`));
    const shown = await rows();
    expect(shown).toEqual(expect.arrayContaining(["fabrikam-demo printer@fabrikam.example", "fabrikam-demo app@fabrikam.example", "contoso-demo mfp@contoso.example"]));
    const api = (await stack.api("/api/readiness")).body.senders.map((s: { tenantId: string; upn: string }) => `${s.tenantId} ${s.upn}`);
    expect([...shown].sort()).toEqual([...api].sort());
    expect(Number(await page.$eval("[data-field=basic-auth-chart]", (e) => e.getAttribute("data-days")))).toBeGreaterThanOrEqual(1);

    await page.click("table.estate-senders [data-sort=account]");
    const ascending = (await rows()).map((r) => r.split(" ")[1] ?? "");
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    expect(await page.$eval("table.estate-senders th[data-column=account]", (e) => e.getAttribute("aria-sort"))).toBe("ascending");
    await page.click("table.estate-senders [data-sort=account]");
    expect((await rows()).map((r) => r.split(" ")[1] ?? "")).toEqual([...ascending].reverse());

    await page.type("[data-field=estate-filter]", "fabrikam");
    await page.waitForFunction(`[...document.querySelectorAll("tr[data-sender]:not([hidden])")].every((tr) => tr.getAttribute("data-tenant-id") === "fabrikam-demo")`);
    expect(await page.$$eval("table.estate-tenants tr[data-tenant-id]:not([hidden])", (trs) => trs.map((tr) => tr.getAttribute("data-tenant-id")))).toEqual(["fabrikam-demo"]);

    await page.click("[data-action=csv]");
    await expect.poll(() => readDownload(folder, "basic-auth-senders.csv"), { timeout: 15_000 }).toMatch(/\r\n$/);
    const lines = readDownload(folder, "basic-auth-senders.csv").trimEnd().split("\r\n");
    expect(lines[0]).toBe("tenant,account,last basic-auth sign-in,addresses,path,status");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(" ")).sort()).toEqual([...shown].sort());
    expect(problems()).toEqual([]);
    await page.close();
  }, 120_000);
});

/** A finished download's text; "" while Chromium is still writing it. */
function readDownload(folder: string, name: string): string {
  const path = join(folder, name);
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}
