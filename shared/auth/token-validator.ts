import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "../errors/app-error";
import type { Operator } from "./operator";
import { isOperatorRole } from "./operator-roles";

export interface OperatorTokenConfig {
  /** The operators' Entra tenant (OPERATOR_TENANT_ID); unset means sign-in is not configured and nobody gets in. */
  tenantId?: string;
  /** This API's application (client) id or `api://` URI, the `aud` of its access tokens (OPERATOR_API_AUDIENCE). */
  audience?: string;
  /** OPERATOR_AUTHORITY_HOST, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /**
   * The client apps (`azp` in v2 tokens, `appid` in v1) whose tokens carry operators' power; none
   * means no token is accepted. Any app an operator consents to can get a token for this API.
   */
  clientIds?: readonly string[];
  /** After one fetch of the keys, no other for this long, so tokens with made-up key ids cannot make us hammer Entra. */
  keysCooldownMs?: number;
}

/** Tolerated clock difference between Entra and this app for `exp` and `nbf`. */
export const CLOCK_SKEW_SECONDS = 120;
/** Entra access tokens are a few KB; anything far larger is not one. */
const MAX_TOKEN_LENGTH = 16_384;
const DISCOVERY_TIMEOUT_MS = 10_000;

/** jose error codes that mean "this token is not acceptable" (401), as opposed to "cannot check now" (503). */
const TOKEN_PROBLEMS = new Set([
  "ERR_JWT_CLAIM_VALIDATION_FAILED",
  "ERR_JWT_EXPIRED",
  "ERR_JWT_INVALID",
  "ERR_JWS_INVALID",
  "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
  "ERR_JOSE_ALG_NOT_ALLOWED",
  "ERR_JOSE_NOT_SUPPORTED",
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
]);

interface Discovered {
  issuer: string;
  keys: ReturnType<typeof createRemoteJWKSet>;
}

/**
 * Validates operators' Entra ID access tokens: RS256 only, signed by a key of the tenant's
 * `jwks_uri` (cached by jose, fetched again when a token names a key it does not know), issued by
 * that tenant for this API, within its lifetime. Discovery is cached per process and retried after a failure.
 */
export class OperatorTokenValidator {
  private discovered?: Promise<Discovered>;

  constructor(private readonly config: OperatorTokenConfig) {}

  async validate(token: string): Promise<Operator> {
    const { tenantId, audience } = this.config;
    if (!tenantId || !audience) {
      throw unauthenticated("Operator sign-in is not configured on this app (OPERATOR_TENANT_ID, OPERATOR_API_AUDIENCE); nobody can be let in.");
    }
    if (token.length > MAX_TOKEN_LENGTH) throw unauthenticated("The bearer token is too long to be an access token.");
    const { issuer, keys } = await this.discovery(tenantId);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience: audienceForms(audience), algorithms: ["RS256"], clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ["exp", "iat", "tid", "oid"] }));
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string" && TOKEN_PROBLEMS.has(code)) throw unauthenticated(tokenProblem(e), e);
      throw new AppError("TEMPORARILY_UNAVAILABLE", "Operator sign-in cannot be checked right now (the identity provider's keys could not be read); try again.", { cause: e });
    }
    if (String(payload.tid).toLowerCase() !== tenantId.toLowerCase()) throw unauthenticated("The token is from another tenant.");
    const client = (stringClaim(payload, "azp") ?? stringClaim(payload, "appid"))?.toLowerCase();
    const clients = (this.config.clientIds ?? []).map((c) => c.toLowerCase());
    if (!client || !clients.includes(client)) {
      throw unauthenticated(`The token was issued to a client this API does not accept (${client ?? "none named"}); known clients are set in OPERATOR_CLIENT_IDS.`);
    }
    const upn = stringClaim(payload, "upn") ?? stringClaim(payload, "preferred_username");
    if (!upn) throw unauthenticated("The token names no signed-in person (no upn or preferred_username); app-only tokens are not accepted.");
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isOperatorRole) : [];
    const name = stringClaim(payload, "name");
    const groups = Array.isArray(payload.groups) ? payload.groups.filter((g): g is string => typeof g === "string").map((g) => g.toLowerCase()) : [];
    const addresses = [...new Set(["upn", "preferred_username", "email", "unique_name"].map((claim) => stringClaim(payload, claim)?.toLowerCase()).filter((a): a is string => !!a && a.includes("@")))];
    return { oid: String(payload.oid).toLowerCase(), upn: upn.toLowerCase(), ...(name ? { name } : {}), roles, groups, addresses };
  }

  private discovery(tenantId: string): Promise<Discovered> {
    this.discovered ??= discover(this.config.authorityHost, tenantId, this.config.keysCooldownMs ?? 30_000).catch((e: unknown) => {
      this.discovered = undefined;
      throw new AppError("TEMPORARILY_UNAVAILABLE", "Operator sign-in cannot be checked right now (the identity provider's OpenID configuration could not be read); try again.", { cause: e });
    });
    return this.discovered;
  }
}

async function discover(authorityHost: string, tenantId: string, cooldownDuration: number): Promise<Discovered> {
  const url = `${authorityHost.replace(/\/$/, "")}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const config = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof config.issuer !== "string" || typeof config.jwks_uri !== "string") throw new Error(`${url} has no issuer or jwks_uri`);
  return { issuer: config.issuer, keys: createRemoteJWKSet(new URL(config.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS, cooldownDuration }) };
}

/**
 * The client id and its `api://` Application ID URI name the same API; v2 tokens carry the client id,
 * v1 tokens the URI. Either form of the setting accepts both, as Microsoft.Identity.Web does.
 */
export function audienceForms(audience: string): string[] {
  const id = audience.replace(/^api:\/\//i, "").replace(/\/$/, "");
  return [...new Set([audience, id, `api://${id}`])];
}

function unauthenticated(message: string, cause?: unknown): AppError {
  return new AppError("UNAUTHENTICATED", message, { cause, headers: { "WWW-Authenticate": `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"` } });
}

function tokenProblem(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "The token has expired; sign in again.";
  if (e instanceof errors.JWTClaimValidationFailed) return `The token is not for this API or tenant (claim ${e.claim} does not match).`;
  if (e instanceof errors.JOSEAlgNotAllowed) return "The token is not signed with RS256.";
  return "The token's signature could not be verified.";
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}
