import { createHmac, timingSafeEqual } from "node:crypto";
import { randomGuid } from "../state/ids";

/** Resources the simulator issues tokens for, by the `.default` scope's resource. */
export const AUDIENCES = {
  graph: "https://graph.microsoft.com",
  exchange: "https://outlook.office365.com",
} as const;
export type Audience = (typeof AUDIENCES)[keyof typeof AUDIENCES];

/** Token lifetime in seconds, as Entra answers for client credentials. */
export const TOKEN_LIFETIME_SECONDS = 3599;

/** The claims of a simulator access token (a subset of Entra's). */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  roles?: string[];
  iat: number;
  nbf: number;
  exp: number;
  uti: string;
}

/** Why a token was refused. */
export type TokenProblem = "empty" | "malformed" | "bad-signature" | "expired";

const base64url = (value: string | Buffer): string => Buffer.from(value).toString("base64url");

/**
 * Issues a JWT-shaped token signed with HS256 and the simulator's key. `roles` are the application
 * permissions the tenant's consent grants for that resource, as Entra puts them in an app-only token;
 * like Entra, a token that grants nothing has no `roles` claim at all.
 */
export function issueAccessToken(key: Buffer, tenantId: string, appId: string, audience: Audience, roles: readonly string[], now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const claims: AccessTokenClaims = {
    aud: audience,
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    appid: appId,
    ...(roles.length > 0 ? { roles: [...roles] } : {}),
    iat,
    nbf: iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    uti: randomGuid(),
  };
  const unsigned = `${base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

/** Checks a bearer token's signature and lifetime; the caller checks audience and tenant. */
export function verifyAccessToken(key: Buffer, token: string | undefined, now = Date.now()): AccessTokenClaims | TokenProblem {
  if (!token) return "empty";
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return "malformed";
  const expected = createHmac("sha256", key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad-signature";
  let claims: AccessTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as AccessTokenClaims;
  } catch {
    return "malformed";
  }
  return claims.exp * 1000 <= now ? "expired" : claims;
}

/** The token in an `Authorization: Bearer ...` header, if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
  return match?.[1]?.trim() || undefined;
}
