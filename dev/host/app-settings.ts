import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The parts of local.settings.json the local host reads. */
export interface LocalSettingsFile {
  /** Which file was read (local.settings.json, else the sample), or undefined when neither exists. */
  file: string | undefined;
  values: Record<string, string>;
  host: { LocalHttpPort?: number };
}

/** Reads `local.settings.json` from the repo root, else `local.settings.sample.json`, as Core Tools reads the former. */
export function readLocalSettings(repoRoot: string): LocalSettingsFile {
  for (const name of ["local.settings.json", "local.settings.sample.json"]) {
    const file = path.join(repoRoot, name);
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, "utf8")) as { Values?: Record<string, unknown>; Host?: { LocalHttpPort?: unknown } };
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(json.Values ?? {})) {
      if (value !== null && value !== undefined) values[key] = String(value);
    }
    const port = json.Host?.LocalHttpPort;
    return { file, values, host: typeof port === "number" ? { LocalHttpPort: port } : {} };
  }
  return { file: undefined, values: {}, host: {} };
}

/**
 * Copies settings into the environment without replacing variables already set there, as Core Tools
 * does, so `FOO=bar npm start` wins over the file. Returns the names it set.
 */
export function applySettings(values: Record<string, string>, target: NodeJS.ProcessEnv = process.env): string[] {
  const applied: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (target[key] !== undefined) continue;
    target[key] = value;
    applied.push(key);
  }
  return applied;
}

/** Raised when a `%NAME%` reference names no app setting (the real host refuses to start then too). */
export class MissingAppSettingError extends Error {
  override readonly name = "MissingAppSettingError";
}

/** Resolves `%NAME%` app-setting references in a binding expression (schedule, queueName). */
export function resolveAppSettingReferences(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/%([^%]+)%/g, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined) throw new MissingAppSettingError(`App setting "${name}" (referenced as %${name}%) is not set.`);
    return value;
  });
}
