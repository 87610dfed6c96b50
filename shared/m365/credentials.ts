import { ClientSecretCredential, DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/identity";
import type { Settings } from "../config/settings";
import { shareTokenRequests } from "./shared-token-credential";

/** Entra hosts that answer instance discovery; any other authority (the simulator) must skip it. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.microsoftonline.de",
]);

/** The settings a credential needs. */
export type CredentialSettings = Pick<Settings, "M365_AUTHORITY_HOST" | "M365_CLIENT_ID" | "M365_CLIENT_SECRET">;

/**
 * Hands out one token credential per tenant, built once and reused; concurrent token requests for
 * the same scope share one request and its token (shared-token-credential).
 */
export interface TenantCredentials {
  forTenant(tenantId: string): TokenCredential;
}

/** Microsoft's resource identifiers in the public cloud; tokens name these, whatever host serves the API. */
export const GRAPH_RESOURCE = "https://graph.microsoft.com";
export const EXCHANGE_RESOURCE = "https://outlook.office365.com";

/** Host suffixes of Microsoft's clouds (public, US Government, China), whose API hosts are their own resources. */
const MICROSOFT_CLOUD_SUFFIXES = [".microsoft.com", ".microsoft.us", ".office365.com", ".office365.us", ".chinacloudapi.cn", ".partner.outlook.cn"];

/**
 * The `.default` scope for an API base URL: the base itself on a Microsoft cloud (sovereign clouds
 * included), else the public resource, because a local simulator or proxy stands in for Microsoft's
 * API and tokens must still name Microsoft's resource.
 */
export function defaultScopeFor(baseUrl: string, publicResource: string): string {
  const url = new URL(baseUrl);
  const host = url.hostname.toLowerCase();
  const microsoftCloud = MICROSOFT_CLOUD_SUFFIXES.some((suffix) => host.endsWith(suffix));
  return `${microsoftCloud ? url.origin : publicResource}/.default`;
}

/** True when the authority is one of Microsoft's clouds (instance discovery works there). */
export function isMicrosoftAuthority(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}

/**
 * Credentials from settings: the app registration's secret when one is set (multi-tenant app,
 * and the simulator), otherwise managed identity through DefaultAzureCredential.
 */
export function createTenantCredentials(settings: CredentialSettings): TenantCredentials {
  const cache = new Map<string, TokenCredential>();
  const authorityHost = settings.M365_AUTHORITY_HOST;
  const disableInstanceDiscovery = !isMicrosoftAuthority(authorityHost);
  let shared: TokenCredential | undefined;
  return {
    forTenant(tenantId: string): TokenCredential {
      const cached = cache.get(tenantId);
      if (cached) return cached;
      let credential: TokenCredential;
      if (settings.M365_CLIENT_ID && settings.M365_CLIENT_SECRET) {
        credential = shareTokenRequests(
          new ClientSecretCredential(tenantId, settings.M365_CLIENT_ID, settings.M365_CLIENT_SECRET, {
            authorityHost,
            disableInstanceDiscovery,
          }),
        );
      } else {
        // Managed identity has no per-tenant form; one credential serves the home tenant.
        shared ??= shareTokenRequests(new DefaultAzureCredential({ authorityHost }));
        credential = shared;
      }
      cache.set(tenantId, credential);
      return credential;
    },
  };
}
