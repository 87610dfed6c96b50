import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The host.json settings the local host honours. */
export interface LocalHostConfig {
  /** `extensions.http.routePrefix` (default "api"). */
  routePrefix: string;
  /** `extensions.serviceBus.maxConcurrentCalls` per queue trigger. */
  maxConcurrentCalls?: number;
  /** `extensions.serviceBus.maxAutoLockRenewalDuration` in ms: how long a lock is renewed at most. */
  maxLockRenewalMs?: number;
  /** `extensions.serviceBus.autoCompleteMessages`; the local receiver always completes on success. */
  autoCompleteMessages: boolean;
}

interface HostJson {
  extensions?: {
    http?: { routePrefix?: unknown };
    serviceBus?: { maxConcurrentCalls?: unknown; maxAutoLockRenewalDuration?: unknown; autoCompleteMessages?: unknown };
  };
}

/** Reads host.json from the repo root; a missing file gives the Functions defaults. */
export function readHostConfig(repoRoot: string): LocalHostConfig {
  const file = path.join(repoRoot, "host.json");
  const json: HostJson = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as HostJson) : {};
  const serviceBus = json.extensions?.serviceBus ?? {};
  const prefix = json.extensions?.http?.routePrefix;
  const config: LocalHostConfig = {
    routePrefix: typeof prefix === "string" ? prefix.replace(/^\/+|\/+$/g, "") : "api",
    autoCompleteMessages: serviceBus.autoCompleteMessages !== false,
  };
  if (typeof serviceBus.maxConcurrentCalls === "number") config.maxConcurrentCalls = serviceBus.maxConcurrentCalls;
  if (typeof serviceBus.maxAutoLockRenewalDuration === "string") {
    config.maxLockRenewalMs = parseTimeSpan(serviceBus.maxAutoLockRenewalDuration);
  }
  return config;
}

/** Parses a .NET TimeSpan as host.json writes it: `[d.]hh:mm:ss[.fff]`. */
export function parseTimeSpan(text: string): number {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a TimeSpan (hh:mm:ss).`);
  const [, days, hours, minutes, seconds, fraction] = m;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + ms;
}
