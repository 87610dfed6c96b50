import type { TokenCredential } from "@azure/identity";
import { AppError } from "../errors/app-error";
import { createTenantCredentials, defaultScopeFor, EXCHANGE_RESOURCE, GRAPH_RESOURCE, type CredentialSettings } from "./credentials";

/** What the tenant granted the app, or that the app is not in the tenant at all (no consent yet). */
export type GrantedRoles = { kind: "granted"; roles: string[] } | { kind: "not-consented"; reason: string };

/** Reads a tenant's grant of the app; throws when the tenant cannot be asked (network, settings). */
export type GrantedRolesReader = (tenantId: string) => Promise<GrantedRoles>;

type RoleSettings = CredentialSettings & { GRAPH_BASE_URL: string; EXCHANGE_BASE_URL: string };

/** Entra's "application not found in the directory": the app has no service principal there, i.e. no consent. */
const NOT_IN_TENANT = /AADSTS700016/;
/** Entra's "tenant not found". */
const UNKNOWN_TENANT = /AADSTS90002/;

/**
 * The application permissions a tenant grants the app, as the tenant itself states them: the `roles`
 * claim of app-only tokens it issues for Graph and for Exchange Online ("roles: the set of permissions
 * ... the requesting application has been given permission to call"; absent when none;
 * learn.microsoft.com/entra/identity-platform/access-token-claims-reference). A new credential each
 * time: a cached token would still carry the roles from before the consent changed.
 */
export function grantedRolesReader(settings: RoleSettings, fresh: (tenantId: string) => TokenCredential = (id) => createTenantCredentials(settings).forTenant(id)): GrantedRolesReader {
  return async (tenantId) => {
    const credential = fresh(tenantId);
    try {
      const tokens = await Promise.all([
        credential.getToken(defaultScopeFor(settings.GRAPH_BASE_URL, GRAPH_RESOURCE)),
        credential.getToken(defaultScopeFor(settings.EXCHANGE_BASE_URL, EXCHANGE_RESOURCE)),
      ]);
      return { kind: "granted", roles: [...new Set(tokens.flatMap((t) => (t ? rolesOf(t.token) : [])))] };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (NOT_IN_TENANT.test(message)) return { kind: "not-consented", reason: "The app is not in the tenant yet: no administrator has granted consent." };
      if (UNKNOWN_TENANT.test(message)) throw new AppError("TENANT_NOT_RESOLVED", `Entra knows no tenant ${tenantId}.`, { cause: e });
      throw new AppError("TEMPORARILY_UNAVAILABLE", "The tenant's tokens could not be read; try the check again.", { cause: e });
    }
  };
}

/** The `roles` claim of a token the tenant just issued to this process (read, not verified: nothing is authorised by it). */
export function rolesOf(token: string): string[] {
  const payload = token.split(".")[1];
  if (!payload) return [];
  try {
    const roles = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { roles?: unknown }).roles;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return [];
  }
}
