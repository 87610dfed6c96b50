import { describe, expect, it } from "vitest";
import { loadSettings, SettingsError } from "../../../shared/config/settings";

describe("loadSettings", () => {
  it("fills safe defaults for everything left out", () => {
    const s = loadSettings({});
    expect(s).toMatchObject({ QUEUE_TRANSPORT: "servicebus", GRAPH_BASE_URL: "https://graph.microsoft.com", AUDIT_SCHEDULE: "0 0 2 * * *", STEP_MAX_ATTEMPTS: 8 });
  });

  it("names every bad setting in one readable error", () => {
    const load = () => loadSettings({ QUEUE_TRANSPORT: "carrier-pigeon", STEP_MAX_ATTEMPTS: "zero", GRAPH_BASE_URL: "not a url" });
    expect(load).toThrow(SettingsError);
    const message = (() => {
      try {
        load();
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of ["QUEUE_TRANSPORT", "STEP_MAX_ATTEMPTS", "GRAPH_BASE_URL"]) expect(message).toContain(name);
  });

  it("takes the tenant basic-auth default from the date unless SMTP_BASIC_AUTH_DEFAULT says on or off, and refuses anything else", () => {
    expect(loadSettings({}).SMTP_BASIC_AUTH_DEFAULT).toBe("date");
    expect(loadSettings({ SMTP_BASIC_AUTH_DEFAULT: "off" }).SMTP_BASIC_AUTH_DEFAULT).toBe("off");
    expect(() => loadSettings({ SMTP_BASIC_AUTH_DEFAULT: "maybe" })).toThrow(/SMTP_BASIC_AUTH_DEFAULT/);
  });

  it("keys webhook secrets by lower-case system", () => {
    const [s1, s2] = ["zendesk-secret-".padEnd(32, "1"), "halopsa-secret-".padEnd(32, "2")];
    expect(loadSettings({ WEBHOOK_SECRET_ZENDESK: s1, WEBHOOK_SECRET_HALOPSA: s2 }).webhookSecrets).toEqual({ zendesk: s1, halopsa: s2 });
  });

  it("refuses to start with an app-wide webhook secret shorter than 32 characters, naming the setting", () => {
    expect(() => loadSettings({ WEBHOOK_SECRET_JIRA: "a".repeat(31) })).toThrow(/WEBHOOK_SECRET_JIRA: use at least 32 random characters/);
  });

  it("treats a Key Vault reference App Service could not resolve as no secret at all", () => {
    const s = loadSettings({ WEBHOOK_SECRET_JIRA: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/webhook-secret-jira/)" });
    expect(s.webhookSecrets).toEqual({});
  });

  it("takes a sealing secret of 32+ characters, none from an unresolved reference, and refuses a short one", () => {
    expect(loadSettings({ WEBHOOK_SEALING_SECRET: "x".repeat(32) }).WEBHOOK_SEALING_SECRET).toBe("x".repeat(32));
    expect(loadSettings({ WEBHOOK_SEALING_SECRET: "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/webhook-sealing-secret/)" }).WEBHOOK_SEALING_SECRET).toBeUndefined();
    expect(() => loadSettings({ WEBHOOK_SEALING_SECRET: "short" })).toThrow(/WEBHOOK_SEALING_SECRET: use at least 32 random characters/);
  });

  it("reaches the tables at the account endpoint when storage is identity-based", () => {
    expect(loadSettings({ AzureWebJobsStorage__accountName: "smtpfixprod" }).AzureWebJobsStorage).toBe("https://smtpfixprod.table.core.windows.net");
    expect(loadSettings({ AzureWebJobsStorage: "UseDevelopmentStorage=true", AzureWebJobsStorage__accountName: "x" }).AzureWebJobsStorage).toBe("UseDevelopmentStorage=true");
    // As the Bicep sets it: the table endpoint itself (sovereign clouds have other suffixes).
    expect(loadSettings({ AzureWebJobsStorage__tableServiceUri: "https://st1.table.core.usgovcloudapi.net/" }).AzureWebJobsStorage).toBe("https://st1.table.core.usgovcloudapi.net");
  });
});
