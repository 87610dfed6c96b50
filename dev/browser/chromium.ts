import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser } from "puppeteer-core";

/** Arguments for a headless Chromium run as root on a machine without a desktop. */
const ARGS = ["--no-sandbox", "--no-zygote", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--font-render-hinting=none", "--hide-scrollbars", "--mute-audio"];

export interface LaunchBrowserOptions {
  /** Window size; pages get it as their viewport too. */
  width?: number;
  height?: number;
  /** Accept self-signed certificates (the local simulator's sign-in page). */
  acceptInsecureCerts?: boolean;
}

/**
 * The Chromium that `npm ci` brings (@sparticuz/chromium ships it brotli-compressed inside the
 * package), unpacked once per package version under the temp folder. `CHROMIUM_PATH` overrides it.
 */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const home = path.join(os.tmpdir(), `smtp-auth-chromium-${await packageVersion()}`);
  const executable = path.join(home, "chromium");
  if (existsSync(executable)) return executable;
  // The package unpacks into os.tmpdir() and reuses whatever is there, a half-written file included,
  // so it unpacks into a private staging folder that becomes `home` in one rename.
  const staging = `${home}.${process.pid}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await chromium.executablePath();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  try {
    await rename(staging, home);
  } catch (error) {
    // Another process won the race: its copy is complete, this one goes.
    if (!existsSync(executable)) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  return executable;
}

/** Starts headless Chromium; the caller closes it. */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const width = options.width ?? 1280;
  const height = options.height ?? 800;
  return puppeteer.launch({
    executablePath: await chromiumExecutable(),
    headless: "shell",
    args: [...ARGS, `--window-size=${width},${height}`],
    defaultViewport: { width, height },
    protocolTimeout: 60_000,
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
  });
}

async function packageVersion(): Promise<string> {
  // The package exports no package.json; its entry point sits at build/cjs/index.cjs.
  const manifest = path.join(path.dirname(require.resolve("@sparticuz/chromium")), "..", "..", "package.json");
  return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
}
