import type { Settings } from "../config/settings";

/** The settings that decide how the app proves it is the multi-tenant app registration. */
export type CredentialSettings = Pick<Settings, "M365_AUTHORITY_HOST" | "M365_CLIENT_ID"> &
  Partial<Pick<Settings, "M365_CLIENT_SECRET" | "M365_CLIENT_CERTIFICATE" | "M365_FEDERATED_IDENTITY_CLIENT_ID" | "M365_FEDERATED_TOKEN_AUDIENCE">>;

/** Entra's token-exchange audience in the public cloud. */
export const DEFAULT_FEDERATED_TOKEN_AUDIENCE = "api://AzureADTokenExchange";

export type FederatedChoice = { kind: "federated-managed-identity"; clientId: string; managedIdentityClientId: string; audience: string };

/**
 * How customer-tenant tokens are obtained. In Azure the registration trusts the Function App's managed
 * identity (no secret exists to steal); a certificate is the fallback; a client secret is for the
 * simulator. "not-configured" fails every token request with its reason.
 */
export type CredentialChoice =
  | FederatedChoice
  | { kind: "certificate"; clientId: string; certificate: string }
  | { kind: "client-secret"; clientId: string; secret: string }
  | { kind: "not-configured"; reason: string };

/** What App Service leaves in a setting whose Key Vault reference it could not resolve. */
const UNRESOLVED_KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(/i;

/** Picks the one proof the settings configure; loadSettings has already refused more than one. */
export function chooseCredential(settings: CredentialSettings): CredentialChoice {
  const clientId = settings.M365_CLIENT_ID?.trim();
  const managedIdentityClientId = settings.M365_FEDERATED_IDENTITY_CLIENT_ID?.trim();
  const certificate = settings.M365_CLIENT_CERTIFICATE;
  const secret = settings.M365_CLIENT_SECRET;
  if (!clientId) return { kind: "not-configured", reason: "M365_CLIENT_ID is not set: the app registration's client id is missing (docs/real-tenant-setup.md)" };
  if (managedIdentityClientId) return { kind: "federated-managed-identity", clientId, managedIdentityClientId, audience: settings.M365_FEDERATED_TOKEN_AUDIENCE ?? DEFAULT_FEDERATED_TOKEN_AUDIENCE };
  if (certificate) {
    if (UNRESOLVED_KEY_VAULT_REFERENCE.test(certificate)) return { kind: "not-configured", reason: "M365_CLIENT_CERTIFICATE is a Key Vault reference App Service could not resolve" };
    return { kind: "certificate", clientId, certificate };
  }
  if (secret) return { kind: "client-secret", clientId, secret };
  return { kind: "not-configured", reason: "no credential for the app registration: set M365_FEDERATED_IDENTITY_CLIENT_ID (Azure) or M365_CLIENT_SECRET (simulator)" };
}
