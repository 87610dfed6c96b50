import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from "@azure/msal-browser";
import type { ConsoleConfig } from "./config";

/** The signed-in operator as the console knows them from the ID token. */
export interface Operator {
  oid: string;
  upn: string;
  name: string;
}

/**
 * Sign-in with Entra ID through MSAL: authorization code with PKCE by redirect, tokens kept in
 * session storage (gone with the tab), access tokens for the API acquired silently and renewed.
 */
export class Auth {
  private account: AccountInfo | null = null;

  private constructor(
    private readonly msal: PublicClientApplication,
    private readonly config: ConsoleConfig,
  ) {}

  static async start(config: ConsoleConfig): Promise<Auth> {
    const redirectUri = `${location.origin}${location.pathname}`;
    const msal = new PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, knownAuthorities: [new URL(config.authority).host], redirectUri, postLogoutRedirectUri: redirectUri },
      cache: { cacheLocation: "sessionStorage" },
    });
    await msal.initialize();
    const auth = new Auth(msal, config);
    const result = await msal.handleRedirectPromise();
    auth.account = result?.account ?? msal.getAllAccounts()[0] ?? null;
    if (auth.account) msal.setActiveAccount(auth.account);
    return auth;
  }

  operator(): Operator | null {
    if (!this.account) return null;
    const claims = (this.account.idTokenClaims ?? {}) as Record<string, unknown>;
    return { oid: String(claims.oid ?? this.account.localAccountId), upn: String(claims.preferred_username ?? this.account.username), name: String(claims.name ?? this.account.name ?? this.account.username) };
  }

  signIn(): Promise<void> {
    return this.msal.loginRedirect({ scopes: [this.config.apiScope] });
  }

  signOut(): Promise<void> {
    return this.msal.logoutRedirect({ account: this.account });
  }

  /** An access token for the API; a redirect to sign in again when it cannot be renewed silently. */
  async token(): Promise<string> {
    if (!this.account) throw new Error("Not signed in.");
    try {
      return (await this.msal.acquireTokenSilent({ scopes: [this.config.apiScope], account: this.account })).accessToken;
    } catch (e) {
      if (e instanceof InteractionRequiredAuthError) await this.msal.acquireTokenRedirect({ scopes: [this.config.apiScope], account: this.account });
      throw e;
    }
  }
}
