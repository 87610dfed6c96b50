import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { launchBrowser } from "../../dev/browser/chromium";
import { CONSOLE_VIEWS, openView, settled, signInThroughSimulator } from "../../dev/browser/console-driver";
import { watchPage, type PageWatch } from "../../dev/browser/page-watch";
import { seedConsoleScenario, WAITING_MAILBOX, type ConsoleScenario } from "../../dev/console-scenario";
import { startDemoStack } from "../../dev/demo-tenants";
import { waitForTerminal, type LocalStack } from "../../dev/local-stack";
import { blockingViolations } from "../support/axe";
import { englishSentences } from "../support/message-catalogues";

const OPERATOR_TENANT_ID = "8d4f3a2e-6b1c-4e57-9a0d-1f2e3d4c5b6a";

describe("the operator console", () => {
  let stack: LocalStack;
  let browser: Browser;
  let scenario: ConsoleScenario;
  let consoleUrl: string;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDemoStack(), launchBrowser({ acceptInsecureCerts: true })]);
    scenario = await seedConsoleScenario(stack);
    consoleUrl = `${stack.host.url}/api/console`;
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedIn(upn: string): Promise<{ page: Page; watch: PageWatch }> {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await signInThroughSimulator(page, consoleUrl, upn);
    return { page, watch };
  }

  it("is served with a strict Content-Security-Policy and sign-in settings that hold no secret", async () => {
    const page = await stack.anonymousApi<string>("/api/console", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const config = await stack.anonymousApi("/api/console/config.json");
    expect(config.body).toEqual({ clientId: "0c3e9a71-5d2b-4f88-b6a4-7e1f0d9c2b3a", authority: `${stack.sim.baseUrl}/${OPERATOR_TENANT_ID}`, apiScope: "api://5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c/access_as_user", apiBaseUrl: "" });
    const script = await stack.anonymousApi<string>("/api/console/app.js");
    expect(script.headers["content-type"]).toMatch(/^text\/javascript/);
    // The values of the sample's secrets (MSAL's own code names "client_secret" as a parameter, holding none).
    expect(script.body).not.toMatch(/sim-secret|local-dev-[a-z]+-secret|Eby8vdM02/);
    for (const path of ["/api/console/..%2Fpackage.json", "/api/console/functions%2Fconsole.js", "/api/console/nope.js"]) {
      expect((await stack.anonymousApi(path)).status).toBe(404);
    }
  });

  it("lets an approver sign in through the simulator's page, approve the exact plan and see it succeed, recorded as hers", async () => {
    const { page, watch } = await signedIn(scenario.approver);
    const card = `[data-request-id="${scenario.waitingRequestId}"]`;
    await page.waitForSelector(card);
    expect(await page.$eval(card, (c) => [c.getAttribute("data-mailbox"), c.getAttribute("data-status")])).toEqual([WAITING_MAILBOX, "awaiting-approval"]);
    // Its Jira ticket was named in an API call: shown as a claim, not as the request's ticket.
    expect(await page.$eval(`${card} [data-field=claimed-ticket]`, (e) => e.textContent)).toBe("jira #OPS-42 (named by the caller, not verified)");
    const plan = await page.$$eval(`${card} [data-field=plan] [data-step]`, (steps) => steps.map((s) => [s.getAttribute("data-step"), s.querySelector(".before")?.textContent, s.querySelector(".after")?.textContent]));
    expect(plan).toEqual([
      ["disable-security-defaults", "enabled", "disabled"],
      ["enable-mailbox-smtp-auth", "disabled", "enabled"],
      ["disable-per-user-mfa", "enforced", "disabled"],
    ]);
    await page.click(`${card} [data-action=approve]`);
    await page.waitForSelector(`${card} [data-action=confirm]`);
    await page.type(`${card} [data-field=comment]`, "copier only");
    await page.click(`${card} [data-action=confirm]`);
    await page.waitForSelector(`${card}[data-status=succeeded]`, { timeout: 60_000 });
    const approval = (await stack.api(`/api/remediations/${scenario.waitingRequestId}`)).body.approval;
    const approver = await stack.signIn({ upn: scenario.approver, roles: ["Remediation.Read"] });
    expect(approval).toMatchObject({ decision: "approved", by: { upn: scenario.approver, oid: approver.oid }, comment: "copier only" });
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 120_000);

  it("tells a requester she cannot approve her own request, and the API refuses it too", async () => {
    // Someone turned security defaults back on: the copier needs a tenant-wide change again.
    await stack.simApi("/_sim/tenants/northwind-demo", { method: "PATCH", body: { securityDefaults: true } });
    const own = await stack.api("/api/remediations", { method: "POST", body: { mailbox: WAITING_MAILBOX } });
    await expect.poll(async () => (await stack.api(`/api/remediations/${own.body.id}`)).body.status, { timeout: 30_000 }).toBe("awaiting-approval");
    const { page, watch } = await signedIn(scenario.requester);
    const card = `[data-request-id="${own.body.id}"]`;
    await page.waitForSelector(card);
    expect(await page.$eval(`${card} [data-action=approve]`, (b) => b.hasAttribute("disabled"))).toBe(true);
    expect(await page.$eval(`${card} [data-field=self-approval]`, (p) => p.textContent)).toContain("another operator must approve it");
    const refused = await stack.api(`/api/remediations/${own.body.id}/approve`, { method: "POST", body: {} });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "SELF_APPROVAL" } } });
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 120_000);

  it("downloads a tenant's readiness page and audit report with the operator's token", async () => {
    const { page, watch } = await signedIn(scenario.approver);
    const folder = mkdtempSync(join(tmpdir(), "console-downloads-"));
    const session = await page.createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: folder });
    await openView(page, "tenants");
    await page.click("[data-tenant-id=fabrikam-demo] [data-action=readiness]");
    await expect.poll(() => readDownload(folder, "readiness-fabrikam-demo.html"), { timeout: 15_000 }).toContain("printer@fabrikam.example");
    await openView(page, "audits");
    await page.click("tr[data-tenant-id=fabrikam-demo] [data-action=report]");
    await expect.poll(() => readDownload(folder, "audit-fabrikam-demo.html"), { timeout: 15_000 }).toContain("fabrikam-demo");
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 60_000);

  it("offers each readiness sender its recommended path as one action, and starts that move", async () => {
    const { page, watch } = await signedIn(scenario.requester);
    await openView(page, "tenants");
    await page.click("[data-tenant-id=fabrikam-demo] [data-action=move-senders]");
    const sender = "[data-tenant-id=fabrikam-demo] [data-field=move-senders] li[data-upn='printer@fabrikam.example']";
    await page.waitForSelector(sender, { timeout: 15_000 });
    const path = await page.$eval(sender, (e) => e.getAttribute("data-path"));
    expect(["high-volume-email", "relay-connector", "oauth"]).toContain(path);
    if (path === "oauth") await page.type(`${sender} [data-field=app-id]`, "5b0e7c3a-1f2d-4c6b-9a8e-0d1c2b3a4f5e");
    await page.click(`${sender} [data-action=move]`);
    await page.waitForSelector(`${sender} [data-field=move-status] [data-request-id]`, { timeout: 15_000 });
    const id = await page.$eval(`${sender} [data-request-id]`, (e) => e.getAttribute("data-request-id"));
    const started = await stack.api(`/api/remediations/${id}`);
    expect(started.body).toMatchObject({ tenantId: "fabrikam-demo", mailbox: "printer@fabrikam.example", migration: { path: path === "oauth" ? "oauth-app" : path } });
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 60_000);

  it("renders approvals, requests with a timeline, tenants and audits with no console errors, in English and Bulgarian", async () => {
    const { page, watch } = await signedIn(scenario.approver);
    for (const view of CONSOLE_VIEWS) await openView(page, view);
    await openView(page, "requests");
    await page.waitForSelector(`[data-request-id="${scenario.waitingRequestId}"]`);
    await page.click(`[data-request-id="${scenario.waitingRequestId}"] [data-action=timeline]`);
    await page.waitForSelector(`[data-request-id="${scenario.waitingRequestId}"] [data-event=approval-decided]`);
    // What became of each note to the printer's ticket is on its timeline, with the ticket it was for
    // (the demo has no ticketing system to write back to, so each note says it did not reach it).
    const fromTicket = `[data-request-id="${scenario.ticketRequestId}"]`;
    await page.click(`${fromTicket} [data-action=timeline]`);
    await page.waitForSelector(`${fromTicket} [data-event=ticket-note-undelivered]`);
    const notes = await page.$$eval(`${fromTicket} [data-event^=ticket-note]`, (items) => items.map((i) => i.textContent ?? ""));
    // The ticket came through Fabrikam's own endpoint and Fabrikam has no ticket connection: no note, and the timeline says why.
    for (const note of notes) expect(note).toMatch(/Note did not reach the ticket · generic 4711.*the tenant has no generic ticket connection/);
    await openView(page, "tenants");
    expect(await page.$$eval("[data-tenant-id]", (t) => t.map((e) => e.getAttribute("data-tenant-id")))).toEqual(["contoso-demo", "fabrikam-demo", "northwind-demo"]);
    // Fabrikam's log has two basic-auth SMTP senders: the printer (one address) and an app.
    const fabrikam = "[data-tenant-id=fabrikam-demo] [data-field=readiness]";
    expect(await page.$eval(`${fabrikam} [data-readiness=senders]`, (e) => e.getAttribute("data-sending"))).toBe("2");
    expect(await page.$$eval(`${fabrikam} [data-path]`, (paths) => paths.map((p) => p.getAttribute("data-path")))).toEqual(expect.arrayContaining(["relay-connector", "graph-sendmail"]));
    // Its Global Administrator keeps SMTP AUTH open: the card says a privileged account is among them.
    expect(await page.$eval(`${fabrikam} [data-field=privileged-senders]`, (e) => e.textContent)).toContain("privileged");
    await openView(page, "audits");
    expect(await page.$$eval("tr[data-tenant-id]", (rows) => rows.length)).toBe(3);
    expect(await page.$eval("[data-field=totals] dd.readiness", (e) => Number(e.textContent))).toBeGreaterThanOrEqual(2);
    await page.click("[data-action=language]");
    await settled(page);
    expect(await page.$eval("[data-nav=audits]", (b) => b.textContent)).toBe("Одити");
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 120_000);

  it("reads right at a glance: no serious or critical axe violation, plans say what they weaken, and Bulgarian views hold no English sentence", async () => {
    const { page, watch } = await signedIn(scenario.approver);
    const english = englishSentences(["console", "requestReasons", "requestWords", "evidence", "effects"]);
    for (const language of ["en", "bg"] as const) {
      if (language === "bg") {
        await page.click("[data-action=language]");
        await settled(page);
      }
      for (const view of CONSOLE_VIEWS) {
        await openView(page, view);
        if (view === "approvals") {
          // The requester's own request (security defaults back on) waits: its plan turns them off.
          const step = "[data-field=plan] [data-step=disable-security-defaults]";
          await page.waitForSelector(step);
          expect(await page.$eval(`${step} [data-effect]`, (e) => [e.getAttribute("data-effect"), e.getAttribute("data-scope"), e.textContent])).toEqual([
            "weakens",
            "tenant",
            language === "en" ? "⚠ weakens security for the whole tenant" : "⚠ отслабва защитата на цялата организация",
          ]);
          expect(await page.$eval("[data-field=reason]", (e) => e.textContent)).toMatch(language === "en" ? /^Waiting for a second person to approve/ : /^Чака втори човек да одобри/);
        }
        if (view === "requests") await openTimelines(page, [scenario.waitingRequestId, scenario.ticketRequestId]);
        if (view === "audits") await page.waitForSelector("tr[data-tenant-id] [data-field=trend]");
        expect(await blockingViolations(page), `${view} in ${language}`).toEqual([]);
        if (language === "bg") {
          const text = await page.$eval("#app", (e) => (e as unknown as { innerText: string }).innerText);
          expect(english.filter((sentence) => text.includes(sentence)), `${view} in Bulgarian`).toEqual([]);
        }
      }
    }
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 180_000);

  it("lets an operator with Tenant.Manage audit a tenant now from the audits view, by keyboard alone", async () => {
    const { page, watch } = await signedIn(scenario.requester);
    await openView(page, "audits");
    const before = (await stack.api("/api/audits/contoso-demo/latest")).body.runId as string;
    // Run ids are per second: the next run must be in a later second than the scenario's.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await tabTo(page, "tr[data-tenant-id=contoso-demo] [data-action=audit-now]");
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.querySelector("tr[data-tenant-id=contoso-demo] .report-status")?.textContent !== ""`, { timeout: 15_000 });
    await expect.poll(async () => (await stack.api("/api/audits/contoso-demo/latest")).body.runId, { timeout: 30_000 }).not.toBe(before);
    // The view reloads itself once the run is the latest, leaving the row's status empty again.
    await page.waitForFunction(`document.querySelector("tr[data-tenant-id=contoso-demo] .report-status")?.textContent === ""`, { timeout: 15_000 });
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 90_000);

  it("lets a requester undo a fixed request from the requests view; the undo restores protection and both cards link", async () => {
    const { page, watch } = await signedIn(scenario.requester);
    await openView(page, "requests");
    const original = `[data-request-id="${scenario.ticketRequestId}"]`;
    await page.waitForSelector(`${original} [data-action=undo]`);
    await page.click(`${original} [data-action=undo]`);
    const undoId = await (await page.waitForSelector(`${original} [data-field=undo-requested]`))!.evaluate((e) => e.getAttribute("data-undo-id"));
    expect((await waitForTerminal(stack, String(undoId))).status).toBe("succeeded");
    expect((await stack.simApi("/_sim/tenants/fabrikam-demo/mailboxes/printer@fabrikam.example")).body.smtpClientAuthenticationDisabled).toBe(true);

    await openView(page, "approvals");
    await openView(page, "requests");
    const undo = `[data-request-id="${undoId}"]`;
    await page.waitForSelector(`${undo}[data-status=succeeded]`);
    expect(await page.$eval(`${undo} [data-field=undo-of]`, (e) => e.textContent)).toBe(scenario.ticketRequestId);
    expect(await page.$$eval(`${undo} [data-field=plan] [data-step]`, (steps) => steps.map((s) => [s.getAttribute("data-step"), s.querySelector("[data-effect]")?.getAttribute("data-effect")]))).toEqual([["enable-mailbox-smtp-auth", "tightens"]]);
    expect(await page.$eval(`${original} [data-field=undone-by]`, (e) => e.textContent)).toBe(undoId);
    expect(await page.$(`${original} [data-action=undo]`)).toBeNull();
    expect(watch.problems()).toEqual([]);
    await page.close();
  }, 120_000);
});

/** Opens the timeline of each request card on the page and waits for its events. */
async function openTimelines(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) {
    await page.waitForSelector(`[data-request-id="${id}"] [data-action=timeline]`);
    await page.click(`[data-request-id="${id}"] [data-action=timeline]`);
    await page.waitForSelector(`[data-request-id="${id}"] [data-event]`);
  }
}

/** Presses Tab until the element matching selector has the focus, as a keyboard user gets there. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A finished download's text; "" while Chromium is still writing it (it keeps a .crdownload until done). */
function readDownload(folder: string, name: string): string {
  const path = join(folder, name);
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}
