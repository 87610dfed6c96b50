import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

type Hook = { postProvisionSteps(env: Record<string, string | undefined>): string };
const load = async (): Promise<Hook> => (await import(pathToFileURL(join(__dirname, "../../../infra/hooks/postprovision.mjs")).href)) as Hook;

describe("the azd postprovision hook", () => {
  const provisioned = {
    APP_IDENTITY_PRINCIPAL_ID: "11111111-aaaa-bbbb-cccc-000000000001",
    M365_FEDERATED_ISSUER: "https://login.microsoftonline.com/22222222-aaaa-bbbb-cccc-000000000002/v2.0",
    M365_FEDERATED_TOKEN_AUDIENCE: "api://AzureADTokenExchange",
    AZURE_KEY_VAULT_NAME: "smtp-kv-abc",
    SERVICE_API_URI: "https://smtp-abc-func.azurewebsites.net",
  };

  it("after the first azd up: the federated credential for this deployment's identity, then the per-tenant steps", async () => {
    const text = (await load()).postProvisionSteps(provisioned);
    const fic = /--parameters '([^']+)'/.exec(text)?.[1];
    expect(JSON.parse(fic ?? "{}")).toEqual({
      name: "function-app-identity",
      issuer: provisioned.M365_FEDERATED_ISSUER,
      subject: provisioned.APP_IDENTITY_PRINCIPAL_ID,
      audiences: ["api://AzureADTokenExchange"],
    });
    expect(text).toContain("azd env set M365_CLIENT_ID");
    expect(text).toContain("azd env set OPERATOR_API_AUDIENCE");
    expect(text).toContain("Remediation.Approve");
    expect(text).toContain("grant-app-role-group.ps1");
    expect(text).not.toMatch(/client secret|Exchange Administrator role/i);
  });

  it("once the registrations exist: only the per-tenant steps, with the app's id filled in", async () => {
    const text = (await load()).postProvisionSteps({ ...provisioned, M365_CLIENT_ID: "app-123", OPERATOR_API_AUDIENCE: "api://ops" });
    expect(text).not.toContain("az ad app create");
    expect(text).not.toContain("OPERATOR_API_AUDIENCE");
    expect(text).toContain("adminconsent?client_id=app-123");
    expect(text).toContain("-AppId app-123");
  });
});
