import { mkdir } from "node:fs/promises";
import path from "node:path";
import { launchBrowser } from "./browser/chromium";
import { CONSOLE_VIEWS, openView, settled, signInThroughSimulator } from "./browser/console-driver";
import { watchPage } from "./browser/page-watch";
import { seedConsoleScenario } from "./console-scenario";
import { startDemoStack } from "./demo-tenants";
import { seedEstateHistory } from "./estate-history";

const OUT_DIR = path.join(__dirname, "..", "..", "docs", "screenshots");
const WIDTH = 1280;
const HEIGHT = 800;
/** English first (the console's default here), then Bulgarian through the header's language button. */
const LANGUAGES = ["en", "bg"] as const;

/**
 * `npm run screenshots`: its own demo stack on free ports, the console scenario (a request waiting
 * for approval, one done, an audit) with a fortnight of earlier nightly counts for the estate chart, then each console view at 1280×800 signed in as the approver,
 * written to docs/screenshots/<view>.png, and in Bulgarian to <view>.bg.png. Exits non-zero if a view logged an error.
 */
async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const stack = await startDemoStack();
  const browser = await launchBrowser({ width: WIDTH, height: HEIGHT, acceptInsecureCerts: true });
  try {
    const scenario = await seedConsoleScenario(stack);
    await seedEstateHistory(stack);
    const page = await browser.newPage();
    const watch = watchPage(page);
    const { consoleReadyMs } = await signInThroughSimulator(page, `${stack.host.url}/api/console`, scenario.approver);
    console.log(`[screenshots] the console showed its sign-in button ${consoleReadyMs} ms after navigation`);
    for (const language of LANGUAGES) {
      if (language !== "en") {
        await page.click("[data-action=language]");
        await settled(page);
      }
      for (const view of CONSOLE_VIEWS) {
        await openView(page, view);
        if (view === "requests") {
          await page.waitForSelector(`[data-request-id="${scenario.waitingRequestId}"] [data-action=timeline]`);
          await page.click(`[data-request-id="${scenario.waitingRequestId}"] [data-action=timeline]`);
          await page.waitForSelector(`[data-request-id="${scenario.waitingRequestId}"] [data-event]`);
        }
        const file = path.join(OUT_DIR, language === "en" ? `${view}.png` : `${view}.${language}.png`);
        await page.screenshot({ path: file as `${string}.png` });
        console.log(`[screenshots] ${view} (${language}): ${path.relative(process.cwd(), file)}`);
      }
    }
    const problems = watch.problems();
    if (problems.length > 0) throw new Error(`The console logged problems:\n${problems.join("\n")}`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`npm run screenshots failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
