import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Tree } from "web-tree-sitter";
import { beforeAll, describe, expect, it } from "vitest";
import { SETTING_NAMES } from "../../../shared/config/settings";
import { TICKET_SYSTEMS } from "../../../shared/domain/types";
import { SYSTEM_MODULES } from "../../../shared/tickets/systems";
import { QUEUES } from "../../../shared/queue/queue-names";
import { filesUnder } from "./files-under";
import { allowedValues, bicepParser, outputNames, properties, resourceTypes, stringValue, syntaxErrors, variableObject, walk } from "./bicep-syntax";

const ROOT = join(__dirname, "../../..");
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");
const BICEP_FILES = ["infra/main.bicep", ...readdirSync(join(ROOT, "infra/modules")).map((f) => `infra/modules/${f}`)];

/**
 * How Azure gets each setting the code reads (shared/config/settings.ts). A setting added to the code
 * fails this test until it is placed here, and "template" ones must be in the Bicep.
 * - template: function-app.bicep writes it;
 * - default: the code's default is right in Azure (extraAppSettings may override it);
 * - extra: deployment-specific, given through extraAppSettings when used;
 * - local: only for the local stack and the simulator; Azure must never get it.
 */
const HOW_AZURE_GETS: Record<string, "template" | "default" | "extra" | "local"> = {
  AzureWebJobsStorage: "local", // Azure: identity-based AzureWebJobsStorage__* below, never a connection string.
  QUEUE_TRANSPORT: "template",
  ServiceBusConnection: "local",
  ServiceBusConnection__fullyQualifiedNamespace: "template",
  M365_AUTHORITY_HOST: "template",
  GRAPH_BASE_URL: "template",
  EXCHANGE_BASE_URL: "template",
  M365_CLIENT_ID: "template",
  M365_FEDERATED_IDENTITY_CLIENT_ID: "template",
  M365_FEDERATED_TOKEN_AUDIENCE: "template",
  M365_CLIENT_SECRET: "local",
  M365_CLIENT_CERTIFICATE: "extra",
  M365_TIMEOUT_MS: "default",
  AUDIT_SCHEDULE: "template",
  AUDIT_CONCURRENCY: "default",
  STEP_MAX_ATTEMPTS: "default",
  STEP_BASE_DELAY_MS: "default",
  STEP_MAX_DELAY_MS: "default",
  REQUEST_MAX_RETRY_MS: "default",
  STEP_LEASE_MS: "default",
  STUCK_AFTER_MS: "default",
  SWEEP_SCHEDULE: "template",
  VERIFY_POLL_SECONDS: "template",
  VERIFY_SCHEDULE: "template", // derived from verifyPollSeconds in function-app.bicep
  VERIFY_WINDOW_HOURS: "template",
  PUBLIC_BASE_URL: "template",
  WEBHOOK_REQUIRE_HMAC: "extra",
  WEBHOOK_SHARED_ROUTE: "template", // on only when webhookSystems lists app-wide secrets
  WEBHOOK_SEALING_SECRET: "template", // a Key Vault reference; the secret itself a person writes once
  WEBHOOK_SEALING_SECRET_PREVIOUS: "extra", // only while the sealing secret is being replaced
  RECORD_SEALS_SINCE: "extra", // only an installation upgraded from before record seals sets it
  OPERATOR_TENANT_ID: "template",
  OPERATOR_API_AUDIENCE: "template",
  OPERATOR_AUTHORITY_HOST: "template",
  OPERATOR_CONSOLE_CLIENT_ID: "extra",
  OPERATOR_CONSOLE_API_SCOPE: "default",
  OPERATOR_CLIENT_IDS: "default", // the console's client id unless more clients are named
  SMTP_BASIC_AUTH_DEFAULT: "default", // "date" until Microsoft documents how to read the tenant default; extraAppSettings may say on or off
};

/** Settings the Functions host, the Azure SDK or Application Insights read rather than shared/config. */
const PLATFORM_SETTINGS = [
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
  "AZURE_CLIENT_ID",
  "AzureWebJobsStorage__blobServiceUri",
  "AzureWebJobsStorage__tableServiceUri",
  "AzureWebJobsStorage__credential",
  "AzureWebJobsStorage__clientId",
  "ServiceBusConnection__credential",
  "ServiceBusConnection__clientId",
];

/** API versions of every resource type, as Azure Verified Modules use them (August 2026). */
const CURRENT_API_VERSIONS: Record<string, string> = {
  "Microsoft.Resources/resourceGroups": "2025-04-01",
  "Microsoft.ManagedIdentity/userAssignedIdentities": "2024-11-30",
  "Microsoft.OperationalInsights/workspaces": "2025-07-01",
  "Microsoft.Insights/components": "2020-02-02",
  "Microsoft.Storage/storageAccounts": "2025-06-01",
  "Microsoft.Storage/storageAccounts/blobServices": "2025-06-01",
  "Microsoft.Storage/storageAccounts/blobServices/containers": "2025-06-01",
  "Microsoft.ServiceBus/namespaces": "2024-01-01",
  "Microsoft.ServiceBus/namespaces/queues": "2024-01-01",
  "Microsoft.KeyVault/vaults": "2024-11-01",
  "Microsoft.Web/serverfarms": "2025-03-01",
  "Microsoft.Web/sites": "2025-03-01",
  "Microsoft.Web/sites/config": "2025-03-01",
  "Microsoft.Web/sites/basicPublishingCredentialsPolicies": "2025-03-01",
  "Microsoft.Authorization/roleAssignments": "2022-04-01",
  "Microsoft.Network/virtualNetworks": "2025-05-01",
  "Microsoft.Network/privateDnsZones": "2024-06-01",
  "Microsoft.Network/privateDnsZones/virtualNetworkLinks": "2024-06-01",
  "Microsoft.Network/privateEndpoints": "2025-05-01",
  "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": "2025-05-01",
};

/** Differences between what the code needs from Azure and what the template writes; empty when in step. */
function settingsDrift(templateKeys: readonly string[], codeSettings: readonly string[]): string[] {
  const classified = Object.keys(HOW_AZURE_GETS);
  const problems = [
    ...codeSettings.filter((s) => !classified.includes(s)).map((s) => `${s}: read by the code, not placed in HOW_AZURE_GETS`),
    ...classified.filter((s) => !codeSettings.includes(s)).map((s) => `${s}: in HOW_AZURE_GETS, no longer read by the code`),
    ...classified.filter((s) => HOW_AZURE_GETS[s] === "template" && !templateKeys.includes(s)).map((s) => `${s}: read by the code, missing from the Bicep`),
    ...classified.filter((s) => HOW_AZURE_GETS[s] === "local" && templateKeys.includes(s)).map((s) => `${s}: local only, yet written by the Bicep`),
  ];
  const known = new Set([...classified.filter((s) => HOW_AZURE_GETS[s] === "template"), ...PLATFORM_SETTINGS]);
  problems.push(...templateKeys.filter((k) => !known.has(k)).map((k) => `${k}: written by the Bicep, read by nothing`));
  return problems;
}

let parse: (source: string) => Tree;
let functionApp: Tree;
let main: Tree;
let templateKeys: string[];

beforeAll(async () => {
  parse = await bicepParser();
  functionApp = parse(read("infra/modules/function-app.bicep"));
  main = parse(read("infra/main.bicep"));
  templateKeys = [...properties(variableObject(functionApp, "coreSettings")).keys()];
});

describe("infra/ Bicep, read with the tree-sitter-bicep grammar", () => {
  it("parses every template without a syntax error", () => {
    for (const file of BICEP_FILES) expect({ file, errors: syntaxErrors(parse(read(file))) }).toEqual({ file, errors: [] });
  });

  it("notices a syntax error (the grammar is not lenient)", () => {
    expect(syntaxErrors(parse("resource x 'Microsoft.Web/sites@2025-03-01' = {\n  name: 'a'\n  properties: {\n}\n"))).not.toEqual([]);
  });

  it("uses the current API version of every resource type", () => {
    const used = BICEP_FILES.flatMap((file) => resourceTypes(parse(read(file))).map((r) => ({ file, ...r })));
    expect(used.length).toBeGreaterThan(20);
    for (const r of used) expect({ ...r, apiVersion: r.apiVersion }).toEqual({ ...r, apiVersion: CURRENT_API_VERSIONS[r.type] });
  });
});

describe("app settings: the Bicep and the code agree", () => {
  it("write every setting the code needs in Azure, and none that nothing reads", () => {
    expect(settingsDrift(templateKeys, SETTING_NAMES)).toEqual([]);
  });

  it("fail when the code reads a setting the Bicep lacks, and the other way round", () => {
    expect(settingsDrift(templateKeys.filter((k) => k !== "PUBLIC_BASE_URL"), SETTING_NAMES)).toEqual(["PUBLIC_BASE_URL: read by the code, missing from the Bicep"]);
    expect(settingsDrift([...templateKeys, "STALE_SETTING"], SETTING_NAMES)).toEqual(["STALE_SETTING: written by the Bicep, read by nothing"]);
    expect(settingsDrift(templateKeys, [...SETTING_NAMES, "NEW_SETTING"])).toEqual(["NEW_SETTING: read by the code, not placed in HOW_AZURE_GETS"]);
    expect(settingsDrift([...templateKeys, "M365_CLIENT_SECRET"], SETTING_NAMES)).toEqual([
      "M365_CLIENT_SECRET: local only, yet written by the Bicep",
      "M365_CLIENT_SECRET: written by the Bicep, read by nothing",
    ]);
  });

  it("write per-system settings only under names the ticket code reads", () => {
    const code = ["shared", "functions"].flatMap((dir) => filesUnder(join(ROOT, dir), ".ts")).map((f) => readFileSync(f, "utf8")).join("\n");
    const extra = functionApp.rootNode.children
      .filter((n) => n?.type === "variable_declaration" && /Settings$/.test(n.child(1)?.text ?? "") && n.child(1)?.text !== "coreSettings")
      .flatMap((n) => (n ? [...walk(n)] : []))
      .filter((n) => n.type === "object_property")
      .map((n) => n.child(0)?.text ?? "");
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.filter((key) => !code.includes(`"${key}"`))).toEqual([]);
    // The per-system names built from each system: WEBHOOK_SECRET_<SYSTEM> and TICKET_<SYSTEM>_AUTH.
    expect(read("infra/modules/function-app.bicep")).toContain("s => 'WEBHOOK_SECRET_${toUpper(s)}'");
    expect(read("shared/config/settings.ts")).toContain("/^WEBHOOK_SECRET_([A-Z0-9]+)$/");
    expect(read("infra/modules/function-app.bicep")).toContain("s => 'TICKET_${toUpper(s)}_AUTH'");
    expect(read("shared/tickets/systems/connection-fields.ts")).toMatch(/TICKET_\$\{system\.toUpperCase\(\)\}[\s\S]*`\$\{prefix\}_AUTH`/);
  });

  it("set every %SETTING% a timer schedule in functions/ names, or the host would not start", () => {
    const names = readdirSync(join(ROOT, "functions"))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...read(`functions/${f}`).matchAll(/schedule:\s*"%([A-Za-z0-9_]+)%"/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(0);
    expect(templateKeys).toEqual(expect.arrayContaining(names));
  });

  it("keep every secret and key out of the deployed settings: no client secret, no connection string", () => {
    const infra = [...BICEP_FILES, "infra/main.parameters.json", "azure.yaml"].map(read).join("\n");
    expect(infra).not.toMatch(/M365_CLIENT_SECRET|listKeys\(|AccountKey=|SharedAccessKey/);
    expect(templateKeys).not.toContain("AzureWebJobsStorage");
    expect(read("infra/modules/storage.bicep")).toMatch(/allowSharedKeyAccess: false\n/);
    expect(read("infra/modules/service-bus.bicep")).toMatch(/disableLocalAuth: true\n/);
    expect(read("infra/modules/monitoring.bicep")).toMatch(/DisableLocalAuth: true\n/);
  });

  it("leave out the settings Flex Consumption rejects", () => {
    const text = read("infra/modules/function-app.bicep");
    expect(templateKeys.filter((k) => /^(FUNCTIONS_EXTENSION_VERSION|FUNCTIONS_WORKER_RUNTIME|WEBSITE_RUN_FROM_PACKAGE|WEBSITE_CONTENTSHARE|WEBSITE_NODE_DEFAULT_VERSION|WEBSITE_CONTENTAZUREFILECONNECTIONSTRING)$/.test(k))).toEqual([]);
    expect(text).toMatch(/name: 'node'\n\s+version: '22'/);
  });

  it("deploy only to regions that offer Flex Consumption, each a region name as azd passes it", () => {
    const regions = allowedValues(main, "location");
    expect(regions.length).toBeGreaterThanOrEqual(20);
    expect(regions.filter((r) => !/^[a-z]+[0-9]?$/.test(r) || /euap$/.test(r))).toEqual([]);
    expect(regions).toEqual(expect.arrayContaining(["eastus", "westeurope", "swedencentral"]));
  });

  it("offer exactly the ticket systems the webhook route accepts, and for header write-back those whose connection is one Authorization header", () => {
    for (const tree of [main, functionApp]) {
      expect(allowedValues(tree, "webhookSystems").sort()).toEqual([...TICKET_SYSTEMS].sort());
      // ticket-<system>-auth is one Authorization header: only systems whose connection takes one.
      const headerAuth = TICKET_SYSTEMS.filter((s) => SYSTEM_MODULES[s].settings.credentials.safeParse({ authorization: "Basic x" }).success);
      expect(allowedValues(tree, "writeBackSystems").sort()).toEqual(headerAuth.sort());
    }
  });

  it("name Key Vault secrets with only the characters Key Vault allows", () => {
    const names = [...read("infra/modules/function-app.bicep").matchAll(/\$\{secretUri\}([^)]+)\)/g)].map((m) => (m[1] ?? "").replace(/\$\{s\}/g, "zendesk"));
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z-]{1,127}$/);
  });
});

describe("queues, roles, names and outputs", () => {
  it("create every queue the code sends to, and no other", () => {
    const serviceBus = parse(read("infra/modules/service-bus.bicep"));
    const param = serviceBus.rootNode.children.find((n) => n?.type === "parameter_declaration" && n.child(1)?.text === "queueNames");
    const created = param ? [...walk(param)].map((n) => stringValue(n)).filter((s): s is string => s !== undefined) : [];
    expect(created.sort()).toEqual(Object.values(QUEUES).sort());
  });

  it("give the queues the delivery limit, lock, duplicate detection and dead-lettering the worker relies on", () => {
    const text = read("infra/modules/service-bus.bicep");
    for (const line of ["maxDeliveryCount: 10\n", "lockDuration: 'PT1M'", "requiresDuplicateDetection: true", "duplicateDetectionHistoryTimeWindow: 'PT10M'", "deadLetteringOnMessageExpiration: true"]) {
      expect(text).toContain(line);
    }
  });

  it("grant the app identity the data roles its identity-based connections use, and assign each", () => {
    const rolesTree = parse(read("infra/modules/role-assignments.bicep"));
    const roles = Object.fromEntries([...properties(variableObject(rolesTree, "roles"))].map(([k, v]) => [k, stringValue(v)]));
    expect(roles).toEqual({
      serviceBusDataOwner: "090c5cfd-751d-490a-894a-3ce6f1109419",
      storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
      storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
      keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
      monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
    });
    const text = read("infra/modules/role-assignments.bicep");
    for (const role of Object.keys(roles)) expect(text).toContain(`roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.${role})`);
  });

  it("name every resource as Azure allows, for the longest token uniqueString gives (13 characters)", () => {
    const text = read("infra/main.bicep");
    const prefix = `smtp-${"a".repeat(13)}`;
    /** The `name` a module passes to its resource, in its `params` (not the deployment's own name). */
    const nameOf = (module: string): string => {
      const start = text.indexOf(`module ${module} `);
      const params = text.indexOf("params:", start);
      const name = /name: '([^']+)'/.exec(text.slice(params))?.[1];
      if (start < 0 || !name) throw new Error(`no name for ${module}`);
      return name.replace("${prefix}", prefix).replace(/\$\{(token|vaultToken)\}/, "a".repeat(13));
    };
    expect(["storage", "keyVault", "serviceBus", "functionApp"].map(nameOf)).toEqual([
      `smtpst${"a".repeat(13)}`,
      `smtp-kv-${"a".repeat(13)}`,
      `${prefix}-bus`,
      `${prefix}-func`,
    ]);
    expect(nameOf("storage")).toMatch(/^[a-z0-9]{3,24}$/);
    expect(nameOf("keyVault")).toMatch(/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/);
    // A soft-deleted vault keeps its name for 90 days: the name follows the identity, new after `azd down`.
    expect(text).toContain("var vaultToken = toLower(uniqueString(token, identity.outputs.principalId))");
    // Service Bus: 6-50 characters, and Azure refuses names ending in -sb or -mgmt.
    expect(nameOf("serviceBus")).toMatch(/^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$/);
    expect(nameOf("serviceBus")).not.toMatch(/-(sb|mgmt)$/);
    // Function app names become host names: at most 60 characters (32 keep the host id unique).
    expect(nameOf("functionApp").length).toBeLessThanOrEqual(32);
  });

  it("output every value the postprovision hook reads, and take every required parameter from azd", () => {
    const hook = read("infra/hooks/postprovision.mjs");
    const read_ = [...hook.matchAll(/v\("([A-Z0-9_]+)"/g), ...hook.matchAll(/env\.([A-Z0-9_]+)/g)].map((m) => m[1] ?? "");
    expect(read_.length).toBeGreaterThan(4);
    expect(outputNames(main)).toEqual(expect.arrayContaining([...new Set(read_)]));
    const parameters = Object.keys((JSON.parse(read("infra/main.parameters.json")) as { parameters: Record<string, unknown> }).parameters);
    const declared = main.rootNode.children.filter((n) => n?.type === "parameter_declaration").map((n) => n?.child(1)?.text);
    expect(declared).toEqual(expect.arrayContaining(parameters));
    const required = main.rootNode.children.filter((n) => n?.type === "parameter_declaration" && !n.text.includes("=")).map((n) => n?.child(1)?.text);
    expect(parameters).toEqual(expect.arrayContaining(required));
  });

  it("describe the app to azd as service api, a TypeScript function", () => {
    const yaml = read("azure.yaml");
    expect(yaml).toMatch(/services:\n  api:\n    project: \.\n    language: ts\n    host: function\n/);
    expect(yaml).toMatch(/postprovision:/);
    expect(read("infra/main.bicep")).toContain("'azd-service-name': 'api'");
  });
});
