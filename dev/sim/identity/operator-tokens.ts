import { createHash, generateKeyPairSync, randomUUID, sign, type JsonWebKey, type KeyObject } from "node:crypto";

/**
 * The MSP's own Entra tenant and the product's API registration as the simulator plays them. The
 * sample settings (OPERATOR_TENANT_ID, OPERATOR_API_AUDIENCE) name the same values; a test keeps them equal.
 */
export const SIM_OPERATOR_TENANT_ID = "8d4f3a2e-6b1c-4e57-9a0d-1f2e3d4c5b6a";
export const SIM_OPERATOR_API_AUDIENCE = "5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c";
/** The client the operators sign in with (the console), as `azp` of their tokens. */
export const SIM_OPERATOR_CLIENT_ID = "0c3e9a71-5d2b-4f88-b6a4-7e1f0d9c2b3a";

/** Entra's default access-token lifetime is 60-90 minutes; one hour here. */
export const OPERATOR_TOKEN_LIFETIME_SECONDS = 3600;

/** Who a token is for. `oid` defaults to one derived from the UPN, so the same person keeps one id. */
export interface OperatorTokenRequest {
  upn: string;
  roles: string[];
  oid?: string;
  name?: string;
  /** Negative gives an already expired token (for tests of expiry). */
  expiresInSeconds?: number;
  /** Defaults: the operator tenant and the API above; others give tokens our API must refuse. */
  tenantId?: string;
  audience?: string;
  /** The client the token was issued to (`azp`); default the console's. */
  azp?: string;
  /** Entra group object ids, as the `groups` claim carries them. */
  groups?: string[];
  /** The `email` optional claim: the person's mail address when it is not their UPN. */
  email?: string;
  /** Not in the token: further addresses the operators' directory knows for the person (Graph proxyAddresses). */
  proxyAddresses?: string[];
}

/** Who an ID token is for, and the client and nonce of the sign-in it answers. */
export interface IdTokenRequest {
  upn: string;
  oid?: string;
  name?: string;
  clientId: string;
  nonce?: string;
}

export interface IssuedOperatorToken {
  accessToken: string;
  expiresIn: number;
  oid: string;
}

/**
 * The simulator's Entra signing key for operators' access tokens (RS256), and the issuing of those
 * tokens as Entra's v2 endpoint shapes them. One key per simulator start, published as a JWKS.
 */
export class OperatorTokenIssuer {
  private key?: SigningKey;
  /** Keys signed with before a rotation stay published, as Entra keeps old keys in its JWKS for a while. */
  private readonly retired: SigningKey[] = [];

  /** The public keys, as `jwks_uri` answers. */
  jwks(): { keys: Array<Record<string, unknown>> } {
    const keys = [this.signingKey(), ...this.retired].map(({ jwk }) => ({ kty: jwk.kty, use: "sig", kid: jwk.kid, x5t: jwk.kid, n: jwk.n, e: jwk.e, alg: "RS256" }));
    return { keys };
  }

  /** Signs with a new key from now on, as Entra rolls its keys; token validators must fetch the JWKS again. */
  rotateKey(): void {
    if (this.key) this.retired.unshift(this.key);
    this.key = undefined;
  }

  /** Issues an access token whose issuer is `{baseUrl}/{tenant}/v2.0`, as the OpenID configuration names it. */
  issue(baseUrl: string, request: OperatorTokenRequest, now = Date.now()): IssuedOperatorToken {
    const tenantId = request.tenantId ?? SIM_OPERATOR_TENANT_ID;
    const oid = request.oid ?? oidForUpn(request.upn);
    const iat = Math.floor(now / 1000);
    const expiresIn = request.expiresInSeconds ?? OPERATOR_TOKEN_LIFETIME_SECONDS;
    const claims = {
      aud: request.audience ?? SIM_OPERATOR_API_AUDIENCE,
      iss: `${baseUrl}/${tenantId}/v2.0`,
      iat,
      nbf: Math.min(iat, iat + expiresIn - 60),
      exp: iat + expiresIn,
      azp: request.azp ?? SIM_OPERATOR_CLIENT_ID,
      azpacr: "0",
      name: request.name ?? request.upn.split("@")[0],
      oid,
      preferred_username: request.upn,
      upn: request.upn,
      roles: request.roles,
      ...(request.groups ? { groups: request.groups } : {}),
      ...(request.email ? { email: request.email } : {}),
      scp: "access_as_user",
      sub: createHash("sha256").update(`${oid}|${request.audience ?? SIM_OPERATOR_API_AUDIENCE}`).digest("base64url").slice(0, 43),
      tid: tenantId,
      uti: randomUUID().replace(/-/g, ""),
      ver: "2.0",
    };
    return { accessToken: this.sign(claims), expiresIn, oid };
  }

  /** An ID token for the client the operator signed in to (authorization code flow), as Entra's v2 endpoint shapes it. */
  issueIdToken(baseUrl: string, request: IdTokenRequest, now = Date.now()): string {
    const oid = request.oid ?? oidForUpn(request.upn);
    const iat = Math.floor(now / 1000);
    return this.sign({
      aud: request.clientId,
      iss: `${baseUrl}/${SIM_OPERATOR_TENANT_ID}/v2.0`,
      iat,
      nbf: iat,
      exp: iat + OPERATOR_TOKEN_LIFETIME_SECONDS,
      name: request.name ?? request.upn.split("@")[0],
      oid,
      preferred_username: request.upn,
      sub: createHash("sha256").update(`${oid}|${request.clientId}`).digest("base64url").slice(0, 43),
      tid: SIM_OPERATOR_TENANT_ID,
      ...(request.nonce ? { nonce: request.nonce } : {}),
      uti: randomUUID().replace(/-/g, ""),
      ver: "2.0",
    });
  }

  private sign(claims: Record<string, unknown>): string {
    const { privateKey, jwk } = this.signingKey();
    const header = { typ: "JWT", alg: "RS256", kid: jwk.kid };
    const unsigned = `${encode(header)}.${encode(claims)}`;
    return `${unsigned}.${sign("sha256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
  }

  /** Made on first use: generating an RSA key takes a moment, and most simulator runs never need one. */
  private signingKey(): SigningKey {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const jwk = publicKey.export({ format: "jwk" });
      const kid = createHash("sha256").update(jwk.n ?? "").digest("base64url").slice(0, 27);
      this.key = { privateKey, jwk: { ...jwk, kid } };
    }
    return this.key;
  }
}

interface SigningKey {
  privateKey: KeyObject;
  jwk: JsonWebKey & { kid: string };
}

/** A stable GUID-shaped object id for a UPN, so two tokens for one person carry one `oid`. */
export function oidForUpn(upn: string): string {
  const h = createHash("sha256").update(`operator|${upn.toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
