import { AppError } from "../errors/app-error";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** Entra answers discovery quickly; onboarding waits on it with a person at the keyboard. */
export const DISCOVERY_TIMEOUT_MS = 10_000;

/** What a tenant was named by, and the id Entra knows it by. */
export interface ResolvedTenant {
  tenantId: string;
  /** The domain the caller named, when it was not the id itself. */
  domain?: string;
}

/**
 * A tenant id from a tenant id or one of its domains, through Entra's OpenID discovery document
 * (`{authority}/{domain}/v2.0/.well-known/openid-configuration`, whose `issuer` is
 * `https://login.microsoftonline.com/{tenantid}/v2.0`; learn.microsoft.com/entra/identity-platform/v2-protocols-oidc,
 * "Find your app's OpenID configuration document URI"). A GUID is taken as it is; an unknown domain is
 * Entra's 400 (AADSTS90002) and answers 404 TENANT_NOT_RESOLVED.
 */
export async function resolveTenantId(idOrDomain: string, authorityHost: string, fetchImpl: typeof fetch = fetch): Promise<ResolvedTenant> {
  const asked = idOrDomain.trim().toLowerCase();
  if (GUID.test(asked)) return { tenantId: asked };
  if (!DOMAIN.test(asked)) throw new AppError("VALIDATION_FAILED", "tenant: a tenant id (GUID) or a domain like contoso.com.", { details: [{ field: "tenant", problem: "not a GUID or a domain" }] });
  const url = `${authorityHost.replace(/\/$/, "")}/${encodeURIComponent(asked)}/v2.0/.well-known/openid-configuration`;
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) }).catch((e: unknown) => {
    throw new AppError("TEMPORARILY_UNAVAILABLE", "Entra's discovery document could not be read; try again.", { cause: e });
  });
  if (response.status === 400 || response.status === 404) throw new AppError("TENANT_NOT_RESOLVED", `Entra knows no tenant with the domain ${asked}.`);
  if (!response.ok) throw new AppError("TEMPORARILY_UNAVAILABLE", `Entra's discovery document answered ${response.status}; try again.`);
  const issuer = ((await response.json()) as { issuer?: unknown }).issuer;
  const tenantId = typeof issuer === "string" ? tenantOfIssuer(issuer) : undefined;
  if (!tenantId) throw new AppError("TEMPORARILY_UNAVAILABLE", "Entra's discovery document named no issuer; try again.");
  return { tenantId, domain: asked };
}

/** The tenant segment of an issuer URL (`https://host/{tenant}/v2.0`). */
function tenantOfIssuer(issuer: string): string | undefined {
  try {
    const [segment] = new URL(issuer).pathname.split("/").filter(Boolean);
    return segment?.toLowerCase();
  } catch {
    return undefined;
  }
}
