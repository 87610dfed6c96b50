import { asRecord, asText } from "../payload-fields";
import type { TicketConnection } from "./ticket-system-module";

const ZONE_TIMEOUT_MS = 10_000;
const ZONE_CACHE_MS = 6 * 60 * 60 * 1000;

/** What finding the API user's zone came to: its REST base (ending in `/`), or why not. */
export type AutotaskZone = { ok: true; url: string } | { ok: false; reason: string; retry: boolean };

const zones = new Map<string, { url: string; until: number }>();

/**
 * The REST base of the API user's zone, as Autotask documents it: `GET /ATServicesRest/V1.0/zoneInformation?user=<UserName>`
 * on the connection's base URL (default webservices.autotask.net) answers `{"zoneName","url",...}`
 * (DeveloperHelp, "Autotask API zones and WSDL versions"). The zone it names must be https (or the
 * base's own scheme) on the base's own domain: credentials go only where the connection points. Cached.
 */
export async function autotaskZone(connection: TicketConnection, fetchImpl: typeof fetch, now: number): Promise<AutotaskZone> {
  const user = connection.credentials["userName"] ?? "";
  const key = `${connection.baseUrl}\n${user}`;
  const cached = zones.get(key);
  if (cached && cached.until > now) return { ok: true, url: cached.url };
  let response: Response;
  try {
    response = await fetchImpl(`${connection.baseUrl}/ATServicesRest/V1.0/zoneInformation?user=${encodeURIComponent(user)}`, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(ZONE_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: `autotask zoneInformation unreachable (${error instanceof Error ? error.name : "error"})`, retry: true };
  }
  const url = asText(asRecord(await response.json().catch(() => undefined))?.["url"]);
  if (!response.ok || !url) {
    return { ok: false, reason: `autotask zoneInformation answered HTTP ${response.status}${response.ok ? " without a zone" : ""}`, retry: response.status >= 500 || response.status === 429 };
  }
  if (!sameDomain(url, connection.baseUrl)) return { ok: false, reason: "autotask zoneInformation named a zone outside the connection's domain", retry: false };
  const base = url.endsWith("/") ? url : `${url}/`;
  zones.set(key, { url: base, until: now + ZONE_CACHE_MS });
  return { ok: true, url: base };
}

/** Same host, or both under the same parent domain (webservices.autotask.net → webservices14.autotask.net). */
function sameDomain(url: string, base: string): boolean {
  try {
    const zone = new URL(url);
    const home = new URL(base);
    if (zone.username || zone.password) return false;
    if (zone.protocol !== "https:" && zone.protocol !== home.protocol) return false;
    const parent = (host: string) => host.split(".").slice(-2).join(".");
    return zone.hostname === home.hostname || (home.hostname.includes(".") && !/^[\d.]+$/.test(home.hostname) && parent(zone.hostname) === parent(home.hostname));
  } catch {
    return false;
  }
}
