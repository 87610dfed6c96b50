import { createHash } from "node:crypto";
import type { TicketConnection } from "./systems/ticket-system-module";

/** A token is renewed this long before Halo says it expires, so a call never leaves with a dying one. */
const EXPIRY_MARGIN_MS = 60_000;
const TOKEN_TIMEOUT_MS = 10_000;

/** HaloPSA's API application for write-back: `client_credentials` against Halo's authorisation server. */
export interface HaloClient {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

/** What asking for a token came to; reasons name Halo and a status, never a credential. */
export type HaloToken = { ok: true; accessToken: string } | { ok: false; reason: string; retry: boolean };

/**
 * The API application of a Halo connection: credentials clientId / clientSecret, options tenant (hosted
 * Halo), scope (default `edit:tickets`) and authUrl (default `<base URL>/auth`); undefined without them.
 */
export function haloClient(connection: TicketConnection): HaloClient | undefined {
  const clientId = connection.credentials["clientId"];
  const clientSecret = connection.credentials["clientSecret"];
  const authUrl = (connection.options["authUrl"] ?? `${connection.baseUrl}/auth`).replace(/\/+$/, "");
  if (!clientId || !clientSecret || !/^https?:\/\//i.test(authUrl)) return undefined;
  const tenant = connection.options["tenant"];
  return {
    tokenUrl: `${authUrl}/token${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ""}`,
    clientId,
    clientSecret,
    scope: connection.options["scope"] || "edit:tickets",
  };
}

/**
 * Hands out Halo access tokens, one per client, cached until shortly before they expire. `fresh`
 * skips the cache: after a 401 the cached token was revoked or rotated early.
 */
export class HaloTokenCache {
  private readonly tokens = new Map<string, { accessToken: string; expiresAt: number }>();

  async token(client: HaloClient, fetchImpl: typeof fetch, now: () => number, fresh = false): Promise<HaloToken> {
    // The secret is part of the key, so a rotated secret never reuses a token issued to the old one.
    const key = createHash("sha256").update(`${client.tokenUrl}\n${client.clientId}\n${client.clientSecret}\n${client.scope}`).digest("hex");
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expiresAt > now()) return { ok: true, accessToken: cached.accessToken };
    this.tokens.delete(key);
    const issued = await requestToken(client, fetchImpl);
    if (issued.ok) this.tokens.set(key, { accessToken: issued.accessToken, expiresAt: now() + Math.max(issued.expiresInMs / 2, issued.expiresInMs - EXPIRY_MARGIN_MS) });
    return issued.ok ? { ok: true, accessToken: issued.accessToken } : issued;
  }
}

async function requestToken(client: HaloClient, fetchImpl: typeof fetch): Promise<{ ok: true; accessToken: string; expiresInMs: number } | { ok: false; reason: string; retry: boolean }> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret, scope: client.scope });
  let response: Response;
  try {
    response = await fetchImpl(client.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: body.toString(),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: `halopsa token endpoint unreachable (${error instanceof Error ? error.name : "error"})`, retry: true };
  }
  const payload = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown } | undefined;
  if (!response.ok || typeof payload?.access_token !== "string" || payload.access_token === "") {
    const retry = response.status >= 500 || response.status === 429 || response.status === 408;
    return { ok: false, reason: `halopsa token endpoint answered HTTP ${response.status}${response.ok ? " without a token" : ""}`, retry };
  }
  const seconds = Number(payload.expires_in);
  return { ok: true, accessToken: payload.access_token, expiresInMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000 };
}

/** The process-wide cache the outbox worker uses: a Functions instance keeps its tokens between messages. */
export const haloTokens = new HaloTokenCache();
