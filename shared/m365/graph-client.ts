import { AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import type { TokenCredential } from "@azure/identity";
import { defaultScopeFor, GRAPH_RESOURCE } from "./credentials";
import type { ThrottleGate } from "./throttle-gate";

/** What a Graph client for one tenant needs. */
export interface GraphClientOptions {
  credential: TokenCredential;
  /** https://graph.microsoft.com in production, the simulator's base locally. */
  baseUrl: string;
  timeoutMs: number;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** The tenant's Graph throttle gate, checked again once the token is in hand, right before sending. */
  gate?: ThrottleGate;
}

/**
 * Last link of the chain: the network call, with the per-call timeout. Stands in for the SDK's
 * HTTPMessageHandler, which calls global fetch with no timeout.
 */
class TimedFetchHandler implements Middleware {
  constructor(
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch,
    private readonly gate?: ThrottleGate,
  ) {}

  async execute(context: Context): Promise<void> {
    // The call passed the gate before its token was fetched; a 429 read meanwhile closed it again.
    await this.gate?.pass({ service: "graph", operation: "request" });
    const signal = AbortSignal.timeout(this.timeoutMs);
    const options = { ...(context.options ?? {}), signal } as RequestInit;
    context.response = await this.fetchImpl(context.request as string, options);
  }
}

/**
 * Graph SDK client whose chain is Auth → Redirect → timed fetch. The SDK's RetryHandler is left
 * out on purpose: call-policy is the one place that retries, so retries never multiply.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.baseUrl);
  const authProvider = new TokenCredentialAuthenticationProvider(options.credential, {
    scopes: [defaultScopeFor(options.baseUrl, GRAPH_RESOURCE)],
  });
  const auth = new AuthenticationHandler(authProvider);
  const redirect = new RedirectHandler(new RedirectHandlerOptions());
  const http = new TimedFetchHandler(options.timeoutMs, options.fetch ?? ((input, init) => fetch(input, init)), options.gate);
  auth.setNext(redirect);
  redirect.setNext(http);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${base.origin}/`,
    // The auth handler attaches tokens only to Graph hosts or these (the simulator's host).
    customHosts: new Set([base.hostname]),
  });
}
