import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The keys the local host checks, kept in a file the way the Functions host keeps its secrets. */
export interface HostKeys {
  /** Admin level: every function and the admin endpoints (Azure's `_master`). */
  masterKey: string;
  /** Host keys by name: any function at authLevel "function". */
  hostKeys: Record<string, string>;
  /** Function keys by function name, then key name: that function only. */
  functionKeys: Record<string, Record<string, string>>;
}

/** The level a route asks for, as @azure/functions names it. */
export type AuthLevel = "anonymous" | "function" | "admin";

/** Where the keys live: LOCAL_HOST_KEYS_FILE (relative to the repo), else `.local-host-keys.json`. */
export function keysFilePath(repoRoot: string, env: Readonly<Record<string, string | undefined>>): string {
  return path.resolve(repoRoot, env.LOCAL_HOST_KEYS_FILE || ".local-host-keys.json");
}

/** A random key, like the ones Core Tools and Azure generate. */
function newKey(): string {
  return randomBytes(40).toString("base64url");
}

/** Reads a keys file; refuses one that is not shaped like {@link HostKeys}, so a broken file never means "no keys". */
export function readHostKeys(file: string): HostKeys {
  const json = JSON.parse(readFileSync(file, "utf8")) as Partial<HostKeys>;
  const isKeyMap = (v: unknown): v is Record<string, string> =>
    v !== null && typeof v === "object" && Object.values(v).every((k) => typeof k === "string" && k.length >= 16);
  const ok =
    typeof json.masterKey === "string" &&
    json.masterKey.length >= 16 &&
    isKeyMap(json.hostKeys) &&
    json.functionKeys !== null &&
    typeof json.functionKeys === "object" &&
    Object.values(json.functionKeys).every(isKeyMap);
  if (!ok) throw new Error(`The keys file ${file} is not valid: it needs masterKey, hostKeys and functionKeys (keys of 16 characters or more). Delete it to have new keys made.`);
  return json as HostKeys;
}

/**
 * Loads the keys file, creating it when absent (a master key and a host `default` key) and adding a
 * `default` key for each named function that has none yet. Written owner-only; it is gitignored.
 */
export function loadOrCreateHostKeys(file: string, functionsNeedingKeys: readonly string[]): { keys: HostKeys; created: boolean } {
  const created = !existsSync(file);
  const keys: HostKeys = created ? { masterKey: newKey(), hostKeys: { default: newKey() }, functionKeys: {} } : readHostKeys(file);
  let changed = created;
  for (const name of functionsNeedingKeys) {
    if (keys.functionKeys[name]) continue;
    keys.functionKeys[name] = { default: newKey() };
    changed = true;
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return { keys, created };
}

/**
 * The key a request presents, as the Functions host reads it: the `x-functions-key` header, else the
 * `code` query parameter. A header, even a wrong one, wins over the query.
 */
export function presentedKey(header: string | string[] | undefined, query: URLSearchParams): string | undefined {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader !== undefined) return fromHeader;
  return query.get("code") ?? undefined;
}

/**
 * Whether a presented key grants a level for a function, as the Functions host decides: the master
 * key grants everything, a host key or one of the function's own keys grants "function".
 */
export function keyGrants(keys: HostKeys, level: AuthLevel, functionName: string | undefined, key: string | undefined): boolean {
  if (level === "anonymous") return true;
  if (!key) return false;
  if (sameKey(key, keys.masterKey)) return true;
  if (level === "admin") return false;
  const own = functionName === undefined ? {} : (keys.functionKeys[functionName] ?? {});
  return [...Object.values(keys.hostKeys), ...Object.values(own)].some((k) => sameKey(key, k));
}

// Compared as hashes so the time taken says nothing about how much of a key matched.
function sameKey(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
