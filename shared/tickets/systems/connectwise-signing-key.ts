import { asRecord, asText } from "../payload-fields";
import type { TicketConnection } from "./ticket-system-module";

const KEY_TIMEOUT_MS = 5_000;
const KEY_CACHE_MS = 60 * 60 * 1000;
const MAX_CACHED_KEYS = 500;

/** Signing keys by key URL, kept an hour: a burst of callbacks costs one fetch. */
const cache = new Map<string, { key: string; until: number }>();

/**
 * The key a ConnectWise callback is signed with: its body names where to fetch it (`Metadata.key_url`,
 * answering `{"signing_key": ...}`). That URL is untrusted input, so it is fetched only when it is on
 * the connection's own origin (scheme, host and port); any other URL is never requested.
 */
export async function connectwiseSigningKey(rawBody: string, connection: TicketConnection | undefined, fetchImpl: typeof fetch, now = Date.now()): Promise<string | undefined> {
  const keyUrl = keyUrlOf(rawBody);
  if (!keyUrl || !connection || !onOrigin(keyUrl, connection.baseUrl)) return undefined;
  const cached = cache.get(keyUrl);
  if (cached && cached.until > now) return cached.key;
  let response: Response;
  try {
    response = await fetchImpl(keyUrl, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(KEY_TIMEOUT_MS) });
  } catch {
    return undefined;
  }
  const body = asRecord(await response.json().catch(() => undefined));
  const key = response.ok ? asText(body?.["signing_key"]) : undefined;
  if (!key) return undefined;
  if (cache.size >= MAX_CACHED_KEYS) cache.clear();
  cache.set(keyUrl, { key, until: now + KEY_CACHE_MS });
  return key;
}

function keyUrlOf(rawBody: string): string | undefined {
  try {
    return asText(asRecord(asRecord(JSON.parse(rawBody))?.["Metadata"])?.["key_url"]);
  } catch {
    return undefined;
  }
}

/** True when `url` is on exactly the origin of `base` (no userinfo, no other port or scheme). */
export function onOrigin(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    return target.username === "" && target.password === "" && target.origin === new URL(base).origin;
  } catch {
    return false;
  }
}
