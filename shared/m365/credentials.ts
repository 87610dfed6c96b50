import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  CredentialUnavailableError,
  ManagedIdentityCredential,
} from "@azure/identity";
import type { TokenCredential } from "@azure/identity";
import { chooseCredential } from "./credential-choice";
import type { CredentialChoice, CredentialSettings, FederatedChoice } from "./credential-choice";
import { shareTokenRequests } from "./shared-token-credential";

export { chooseCredential } from "./credential-choice";
export type { CredentialChoice, CredentialSettings } from "./credential-choice";

/** Entra hosts that answer instance discovery; any other authority (the simulator) must skip it. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.microsoftonline.de",
]);

/** Seams for tests: the managed identity whose token becomes the client assertion. */
export interface TenantCredentialOptions {
  managedIdentity?: TokenCredential;
}

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
 * Credentials from settings, one per customer tenant, each proving the app registration by what
 * chooseCredential picked. Without a complete configuration every token request fails at once
 * (permanent, never retried): the app does not fall back to some other identity.
 */
export function createTenantCredentials(settings: CredentialSettings, options: TenantCredentialOptions = {}): TenantCredentials {
  const cache = new Map<string, TokenCredential>();
  const choice = chooseCredential(settings);
  const authority = { authorityHost: settings.M365_AUTHORITY_HOST, disableInstanceDiscovery: !isMicrosoftAuthority(settings.M365_AUTHORITY_HOST) };
  // One managed identity for all tenants: its assertion is the same whichever tenant it is shown to.
  const assertion = choice.kind === "federated-managed-identity" ? managedIdentityAssertion(choice, options) : undefined;
  return {
    forTenant(tenantId: string): TokenCredential {
      let credential = cache.get(tenantId);
      if (!credential) {
        credential = shareTokenRequests(credentialFor(choice, tenantId, authority, assertion));
        cache.set(tenantId, credential);
      }
      return credential;
    },
  };
}

type AuthorityOptions = { authorityHost: string; disableInstanceDiscovery: boolean };

function credentialFor(choice: CredentialChoice, tenantId: string, authority: AuthorityOptions, assertion: (() => Promise<string>) | undefined): TokenCredential {
  switch (choice.kind) {
    case "federated-managed-identity":
      return new ClientAssertionCredential(tenantId, choice.clientId, assertion ?? unreachable, authority);
    case "certificate":
      return new ClientCertificateCredential(tenantId, choice.clientId, { certificate: choice.certificate }, authority);
    case "client-secret":
      return new ClientSecretCredential(tenantId, choice.clientId, choice.secret, authority);
    case "not-configured":
      return { getToken: () => Promise.reject(new CredentialUnavailableError(choice.reason)) };
  }
}

const unreachable = (): Promise<string> => Promise.reject(new CredentialUnavailableError("no managed identity assertion"));

/** The managed identity's token for the token-exchange audience: the client assertion Entra accepts for the app. */
function managedIdentityAssertion(choice: FederatedChoice, options: TenantCredentialOptions): () => Promise<string> {
  const identity = shareTokenRequests(options.managedIdentity ?? new ManagedIdentityCredential({ clientId: choice.managedIdentityClientId }));
  const scope = `${choice.audience}/.default`;
  return async () => {
    const token = await identity.getToken(scope);
    if (!token) throw new CredentialUnavailableError("the managed identity returned no token for the federated credential");
    return token.token;
  };
}
