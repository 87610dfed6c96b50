import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAuditReportHtml } from "../../shared/audit/audit-report-html";
import { sampleReport } from "../unit/audit/support/sample-report";

const run = promisify(execFile);
/** Debian's package installs /usr/bin/chromium (`apt-get install -y chromium`); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "audit-report-"));
  file = path.join(dir, "report.html");
  await writeFile(file, renderAuditReportHtml(sampleReport()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function chromium(args: string[]) {
  if (!CHROMIUM) throw new Error("Chromium not found: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).");
  const profile = path.join(dir, "profile");
  return run(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", `--user-data-dir=${profile}`, "--enable-logging=stderr", "--v=0", ...args, `file://${file}`], { timeout: 60_000, maxBuffer: 10 * 1024 * 1024 });
}

describe("the HTML audit report in headless Chromium", () => {
  it("parses into the report's tables and chart, with no console errors", async () => {
    const { stdout, stderr } = await chromium(["--dump-dom"]);
    expect(stdout).toContain("SMTP AUTH compliance audit: contoso");
    expect(stdout.match(/<rect /g)).toHaveLength(5);
    expect(stdout).toContain("privileged-account-weakened");
    expect(stderr).not.toMatch(/CONSOLE\(|Uncaught|Refused to load/);
  }, 90_000);

  it("renders to a screenshot", async () => {
    const shot = path.join(dir, "report.png");
    await chromium([`--screenshot=${shot}`, "--window-size=1200,1600"]);
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
  }, 90_000);
});
