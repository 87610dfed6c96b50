import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyGrants, keysFilePath, loadOrCreateHostKeys, presentedKey } from "../../../dev/host/host-keys";

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "keys-unit-"));
  dirs.push(dir);
  return path.join(dir, "nested", "keys.json");
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("local host keys file", () => {
  it("is created owner-only when absent, then read back unchanged", () => {
    const file = tempFile();
    const first = loadOrCreateHostKeys(file, ["a"]);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateHostKeys(file, ["a"]);
    expect(again).toEqual({ keys: first.keys, created: false });
  });

  it("gains a default key for a function that has none, keeping every existing key", () => {
    const file = tempFile();
    const { keys } = loadOrCreateHostKeys(file, ["a"]);
    const { keys: later } = loadOrCreateHostKeys(file, ["a", "b"]);
    expect(later.masterKey).toBe(keys.masterKey);
    expect(later.functionKeys.a).toEqual(keys.functionKeys.a);
    expect(later.functionKeys.b!.default!.length).toBeGreaterThanOrEqual(40);
    expect(JSON.parse(readFileSync(file, "utf8")).functionKeys.b).toEqual(later.functionKeys.b);
  });

  it("refuses a broken file instead of running without keys", () => {
    const file = tempFile();
    loadOrCreateHostKeys(file, []);
    writeFileSync(file, JSON.stringify({ masterKey: "short", hostKeys: {}, functionKeys: {} }));
    expect(() => loadOrCreateHostKeys(file, [])).toThrow(/not valid/);
  });

  it("lives where LOCAL_HOST_KEYS_FILE says, relative to the repo, else in .local-host-keys.json", () => {
    expect(keysFilePath("/repo", {})).toBe("/repo/.local-host-keys.json");
    expect(keysFilePath("/repo", { LOCAL_HOST_KEYS_FILE: "k/x.json" })).toBe("/repo/k/x.json");
    expect(keysFilePath("/repo", { LOCAL_HOST_KEYS_FILE: "/abs/x.json" })).toBe("/abs/x.json");
  });
});

describe("which key opens what", () => {
  const keys = { masterKey: "m".repeat(20), hostKeys: { default: "h".repeat(20) }, functionKeys: { f: { default: "f".repeat(20) }, g: { default: "g".repeat(20) } } };

  it("grants function level to the master key, a host key and the function's own key only", () => {
    expect(["m", "h", "f"].map((c) => keyGrants(keys, "function", "f", c.repeat(20)))).toEqual([true, true, true]);
    expect(keyGrants(keys, "function", "f", "g".repeat(20))).toBe(false);
    expect(keyGrants(keys, "function", "f", undefined)).toBe(false);
    expect(keyGrants(keys, "function", "f", "")).toBe(false);
  });

  it("grants admin level to the master key alone, and anonymous to anyone", () => {
    expect(["m", "h", "f"].map((c) => keyGrants(keys, "admin", "f", c.repeat(20)))).toEqual([true, false, false]);
    expect(keyGrants(keys, "anonymous", "f", undefined)).toBe(true);
  });

  it("takes the key from x-functions-key first, else from ?code=", () => {
    expect(presentedKey("h", new URLSearchParams("code=q"))).toBe("h");
    expect(presentedKey(undefined, new URLSearchParams("code=q"))).toBe("q");
    expect(presentedKey(undefined, new URLSearchParams(""))).toBeUndefined();
  });
});
