import { describe, expect, it } from "vitest";
import { loadSettings, SettingsError } from "../../../shared/config/settings";
import { chooseCredential } from "../../../shared/m365/credential-choice";
import { createTenantCredentials } from "../../../shared/m365/credentials";

const base = { M365_AUTHORITY_HOST: "https://login.microsoftonline.com", M365_CLIENT_ID: "app-id" };

describe("which credential proves the app registration", () => {
  it("is the managed identity's federated assertion when its client id is set (Azure)", () => {
    expect(chooseCredential({ ...base, M365_FEDERATED_IDENTITY_CLIENT_ID: "mi-client" })).toEqual({
      kind: "federated-managed-identity",
      clientId: "app-id",
      managedIdentityClientId: "mi-client",
      audience: "api://AzureADTokenExchange",
    });
    expect(chooseCredential({ ...base, M365_FEDERATED_IDENTITY_CLIENT_ID: "mi", M365_FEDERATED_TOKEN_AUDIENCE: "api://AzureADTokenExchangeUSGov" })).toMatchObject({ audience: "api://AzureADTokenExchangeUSGov" });
  });

  it("is the certificate (the documented fallback) or the simulator's client secret otherwise", () => {
    expect(chooseCredential({ ...base, M365_CLIENT_CERTIFICATE: "-----BEGIN CERTIFICATE-----" })).toMatchObject({ kind: "certificate" });
    expect(chooseCredential({ ...base, M365_CLIENT_SECRET: "sim-secret" })).toEqual({ kind: "client-secret", clientId: "app-id", secret: "sim-secret" });
  });

  it("is none, with the reason, when the registration or its proof is missing or a Key Vault reference did not resolve", () => {
    expect(chooseCredential({ ...base, M365_CLIENT_ID: undefined, M365_FEDERATED_IDENTITY_CLIENT_ID: "mi" })).toMatchObject({ kind: "not-configured", reason: expect.stringContaining("M365_CLIENT_ID") });
    expect(chooseCredential(base)).toMatchObject({ kind: "not-configured", reason: expect.stringContaining("M365_FEDERATED_IDENTITY_CLIENT_ID") });
    expect(chooseCredential({ ...base, M365_CLIENT_CERTIFICATE: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/m365-cert/)" })).toMatchObject({ kind: "not-configured" });
  });

  it("refuses two proofs at once when the settings load: it must be clear which one holds the power", () => {
    expect(() => loadSettings({ M365_CLIENT_ID: "a", M365_FEDERATED_IDENTITY_CLIENT_ID: "mi", M365_CLIENT_SECRET: "s" })).toThrow(SettingsError);
    expect(() => loadSettings({ M365_CLIENT_ID: "a", M365_CLIENT_CERTIFICATE: "pem", M365_CLIENT_SECRET: "s" })).toThrow(/set only one way/);
    expect(loadSettings({ M365_CLIENT_ID: "a", M365_FEDERATED_IDENTITY_CLIENT_ID: "mi" }).M365_FEDERATED_TOKEN_AUDIENCE).toBe("api://AzureADTokenExchange");
  });

  it("fails every token request at once, never falling back to another identity, when none is configured", async () => {
    const credential = createTenantCredentials(base).forTenant("tenant-a");
    await expect(credential.getToken("https://graph.microsoft.com/.default")).rejects.toMatchObject({
      name: "CredentialUnavailableError",
      message: expect.stringContaining("no credential for the app registration"),
    });
  });
});
