import type { TokenCredential } from "@azure/identity";

/** One request the code under test sent. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Answers a request; return a Response. */
export type Responder = (req: SeenRequest, index: number, signal?: AbortSignal) => Response | Promise<Response>;

/** An in-process stand-in for global fetch that records what was sent. */
export function fakeFetch(responder: Responder): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const req: SeenRequest = {
      url: String(input),
      method: init?.method ?? "GET",
      headers,
      body: typeof init?.body === "string" ? init.body : "",
    };
    seen.push(req);
    return responder(req, seen.length - 1, init?.signal ?? undefined);
  };
  return { fetch: impl as typeof fetch, seen };
}

/** A reply that never comes: settles only when the caller's signal aborts, as fetch does. */
export function never(signal?: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
}

/** JSON reply with a status and optional headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A credential that hands out a fixed token and counts the asks. */
export function fixedCredential(token = "test-token"): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(scope: string | string[]) {
      scopes.push(...([] as string[]).concat(scope));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}
