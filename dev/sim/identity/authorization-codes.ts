import { createHash, randomBytes } from "node:crypto";

/** What a sign-in granted, held until the client redeems the code at `/token`. */
export interface CodeGrant {
  upn: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
}

/** Entra's authorization codes live about ten minutes and are redeemed once. */
const CODE_LIFETIME_MS = 10 * 60_000;
/** A refresh token renews the access token without a new sign-in, for a day here. */
const REFRESH_LIFETIME_MS = 24 * 3600_000;

export type Redeemed = { ok: true; grant: CodeGrant } | { ok: false; reason: string };

/**
 * Authorization codes bound to their PKCE challenge, client and redirect URI (RFC 7636), and the
 * refresh tokens handed out with them.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, CodeGrant & { expiresAt: number }>();
  private readonly refreshTokens = new Map<string, CodeGrant & { expiresAt: number }>();

  issue(grant: CodeGrant, now = Date.now()): string {
    const code = randomBytes(32).toString("base64url");
    this.codes.set(code, { ...grant, expiresAt: now + CODE_LIFETIME_MS });
    return code;
  }

  /** Redeems a code once: the verifier must hash to the challenge, client and redirect URI must match. */
  redeem(code: string, request: { clientId: string; redirectUri: string; codeVerifier: string }, now = Date.now()): Redeemed {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt < now) return { ok: false, reason: "The provided authorization code or refresh token has expired or was already redeemed." };
    if (grant.clientId !== request.clientId) return { ok: false, reason: "The code was issued to another client." };
    if (grant.redirectUri !== request.redirectUri) return { ok: false, reason: "The reply URL does not match the one used to request the authorization code." };
    const challenge = createHash("sha256").update(request.codeVerifier).digest("base64url");
    if (!request.codeVerifier || challenge !== grant.codeChallenge) return { ok: false, reason: "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE." };
    return { ok: true, grant: withoutExpiry(grant) };
  }

  issueRefreshToken(grant: CodeGrant, now = Date.now()): string {
    const token = randomBytes(32).toString("base64url");
    this.refreshTokens.set(token, { ...grant, expiresAt: now + REFRESH_LIFETIME_MS });
    return token;
  }

  /** Rotates a refresh token: the old one is spent, the grant goes on. */
  redeemRefreshToken(token: string, clientId: string, now = Date.now()): Redeemed {
    const grant = this.refreshTokens.get(token);
    this.refreshTokens.delete(token);
    if (!grant || grant.expiresAt < now || grant.clientId !== clientId) return { ok: false, reason: "The refresh token has expired, was already used or was issued to another client." };
    return { ok: true, grant: withoutExpiry(grant) };
  }
}

function withoutExpiry({ expiresAt, ...grant }: CodeGrant & { expiresAt: number }): CodeGrant {
  void expiresAt;
  return grant;
}
