import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";

/** A token is handed out again until this long before it expires; then the next caller fetches anew. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;
/** Longest a shared token request may take when no caller set a timeout of its own. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/** Clock and bound for the shared requests; tests pin the clock. */
export interface SharedTokenOptions {
  now?: () => number;
  /** The shared request's own timeout: no single caller's abort signal may cancel it for the others. */
  timeoutMs?: number;
}

interface ScopeEntry {
  token?: AccessToken;
  inFlight?: Promise<AccessToken | null>;
}

/**
 * Wraps a credential so that concurrent callers asking for the same scopes share one token request
 * and its result until shortly before expiry. MSAL caches tokens too, but only after the first
 * request returns: N calls that start together would each ask Entra (and fetch its metadata).
 */
export function shareTokenRequests(credential: TokenCredential, options: SharedTokenOptions = {}): TokenCredential {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const entries = new Map<string, ScopeEntry>();

  const fetchShared = (key: string, entry: ScopeEntry, scopes: string | string[], asked: GetTokenOptions): Promise<AccessToken | null> => {
    const request = credential
      .getToken(scopes, { ...asked, abortSignal: AbortSignal.timeout(timeoutMs) })
      .then((token) => {
        if (token) entry.token = token;
        return token;
      })
      .finally(() => {
        if (entry.inFlight === request) entry.inFlight = undefined;
      });
    entry.inFlight = request;
    entries.set(key, entry);
    return request;
  };

  return {
    getToken(scopes: string | string[], asked: GetTokenOptions = {}): Promise<AccessToken | null> {
      // A claims challenge (CAE) or a tenant override asks for a different token: never shared.
      if (asked.claims || asked.enableCae) return credential.getToken(scopes, asked);
      const key = `${asked.tenantId ?? ""}|${[scopes].flat().sort().join(" ")}`;
      const entry = entries.get(key) ?? {};
      if (entry.token && entry.token.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS > now()) return Promise.resolve(entry.token);
      const shared = entry.inFlight ?? fetchShared(key, entry, scopes, asked);
      return asked.abortSignal ? raceAbort(shared, asked.abortSignal) : shared;
    },
  };
}

type CallerSignal = NonNullable<GetTokenOptions["abortSignal"]>;

/** The shared request's result, or this caller's abort, whichever comes first. */
function raceAbort<T>(shared: Promise<T>, signal: CallerSignal): Promise<T> {
  const aborted = (): Error => Object.assign(new Error("The token request was aborted."), { name: "AbortError" });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener("abort", onAbort);
    shared.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
