// azd postprovision hook: prints what a person still has to do in Entra ID and in each customer tenant.
// azd passes the deployment's outputs as environment variables. Nothing here changes anything.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** The app's permissions, generated from shared/m365/permission-manifest.ts (a test keeps them equal). */
export const APP_PERMISSIONS = JSON.parse(readFileSync(new URL("../app-permissions.json", import.meta.url), "utf8"));

/** One `az ad app permission add` per API, each app role looked up by its name in the API's service principal. */
export function permissionCommands(appId) {
  const apis = [APP_PERMISSIONS.graph, APP_PERMISSIONS.exchange];
  return apis.map(({ resourceAppId, applicationPermissions }) =>
    `for p in ${applicationPermissions.join(" ")}; do az ad app permission add --id ${appId} --api ${resourceAppId} ` +
    `--api-permissions "$(az ad sp show --id ${resourceAppId} --query "appRoles[?value=='$p'].id" -o tsv)=Role"; done`);
}

/** Everything the admin consent grants, as a person reads it. */
export function consentedPermissions() {
  return [...APP_PERMISSIONS.graph.applicationPermissions, ...APP_PERMISSIONS.exchange.applicationPermissions].join(", ");
}

/** The operator API's app roles (docs/real-tenant-setup.md). */
export const OPERATOR_APP_ROLES = ["Remediation.Read", "Remediation.Request", "Remediation.Approve", "Tenant.Manage"];

/** The steps still to do, as text, from the azd environment. */
export function postProvisionSteps(env) {
  const v = (name, placeholder) => env[name] || placeholder;
  const appId = v("M365_CLIENT_ID", "<application-client-id>");
  const lines = [
    "",
    "Provisioned. What a person still has to do (docs/deploy.md, docs/real-tenant-setup.md):",
    "",
  ];
  let n = 0;
  const step = (title, ...body) => lines.push(`${++n}. ${title}`, ...body.map((b) => `   ${b}`), "");
  if (!env.M365_CLIENT_ID) {
    step(
      "Create the multi-tenant app registration and let it trust the Function App's identity (no secret):",
      `az ad app create --display-name "SMTP AUTH remediation" --sign-in-audience AzureADMultipleOrgs --query appId -o tsv`,
      `az ad app federated-credential create --id <appId> --parameters '${JSON.stringify({
        name: "function-app-identity",
        issuer: v("M365_FEDERATED_ISSUER", "<issuer>"),
        subject: v("APP_IDENTITY_PRINCIPAL_ID", "<identity principal id>"),
        audiences: [v("M365_FEDERATED_TOKEN_AUDIENCE", "api://AzureADTokenExchange")],
      })}'`,
      "Add its API permissions (Graph application permissions and Exchange.ManageAsApp):",
      ...permissionCommands("<appId>"),
      "azd env set M365_CLIENT_ID <appId> && azd provision",
    );
  }
  if (!env.OPERATOR_API_AUDIENCE) {
    step(
      "Register the operator API (single tenant, docs/real-tenant-setup.md 1b) with the app roles",
      OPERATOR_APP_ROLES.join(", ") + ", assign them to operators' groups, then:",
      "azd env set OPERATOR_API_AUDIENCE <its client id> && azd provision",
    );
  }
  step(
    "In each customer tenant, a Global Administrator grants admin consent once (again after a permission is added):",
    `https://login.microsoftonline.com/<customer-tenant-id>/adminconsent?client_id=${appId}`,
    `It grants ${consentedPermissions()}.`,
  );
  step(
    "In each customer tenant, an Exchange admin gives the app only the cmdlets it uses (not Exchange Administrator):",
    `pwsh infra/exchange/grant-app-role-group.ps1 -Organization <tenant>.onmicrosoft.com -AppId ${appId} [-ReadOnly]`,
  );
  step(
    "Once: write the secret that seals per-tenant webhook secrets at rest (until then none is issued or accepted):",
    `az keyvault secret set --vault-name ${v("AZURE_KEY_VAULT_NAME", "<vault>")} -n webhook-sealing-secret --value "$(openssl rand -base64 48)"`,
    `az functionapp restart -g ${v("AZURE_RESOURCE_GROUP", "<resource group>")} -n ${v("SERVICE_API_NAME", "<app>")}   # picks the Key Vault reference up now`,
  );
  step(
    "Write the ticket-system secrets into the vault before listing the systems in infra/main.parameters.json:",
    `az keyvault secret set --vault-name ${v("AZURE_KEY_VAULT_NAME", "<vault>")} -n webhook-secret-zendesk --value "$(openssl rand -base64 32)"`,
  );
  step("Onboard each tenant (PUT /api/tenants/{tenantId}) and check:", `curl ${v("SERVICE_API_URI", "https://<app>")}/api/health`);
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(postProvisionSteps(process.env) + "\n");
}
