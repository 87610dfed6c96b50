import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TICKET_SYSTEMS } from "../../../shared/domain/types";
import { QUEUES } from "../../../shared/queue/queue-names";

const ROOT = join(__dirname, "../../..");
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

const mainBicep = read("infra/main.bicep");
const functionAppBicep = read("infra/modules/function-app.bicep");
const serviceBusBicep = read("infra/modules/service-bus.bicep");
const rolesBicep = read("infra/modules/role-assignments.bicep");

/** The lines of a Bicep object literal that starts at `opening` (e.g. "var coreSettings = {"), up to its closing brace. */
function objectBlock(text: string, opening: string): string {
  const start = text.indexOf(opening);
  if (start < 0) throw new Error(`not found: ${opening}`);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    if (text[i] === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`unclosed: ${opening}`);
}

/** Property names declared in a Bicep object block. */
function keysOf(block: string): string[] {
  return [...block.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1] ?? "");
}

/** Every app setting name the template writes for a fixed configuration (not the per-system ones). */
function templateSettingNames(): string[] {
  // Both branches of the storage ternary: identity-based and connection string.
  const storage = functionAppBicep.slice(functionAppBicep.indexOf("var storageSettings"), functionAppBicep.indexOf("var webhookSecretSettings"));
  return [...keysOf(objectBlock(functionAppBicep, "var coreSettings = {")), ...keysOf(storage)];
}

/** The `@allowed([...])` list just above a parameter. */
function allowedFor(text: string, param: string): string[] {
  const m = new RegExp(`@allowed\\(\\[([^\\]]*)\\]\\)\\s*\\nparam ${param} `).exec(text);
  if (!m?.[1]) throw new Error(`no @allowed for ${param}`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1] ?? "");
}

describe("infra/main.bicep and its modules", () => {
  it("create every queue the code sends to, and no other", () => {
    const block = /param queueNames array = \[([^\]]*)\]/.exec(serviceBusBicep)?.[1] ?? "";
    const created = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(created.sort()).toEqual(Object.values(QUEUES).sort());
  });

  it("give the queues the delivery limit, lock, duplicate detection and dead-lettering the worker relies on", () => {
    const queue = objectBlock(serviceBusBicep, "properties: {\n    maxDeliveryCount");
    expect(queue).toMatch(/maxDeliveryCount: 10\n/);
    expect(queue).toMatch(/lockDuration: 'PT1M'/);
    expect(queue).toMatch(/requiresDuplicateDetection: true/);
    expect(queue).toMatch(/duplicateDetectionHistoryTimeWindow: 'PT10M'/);
    expect(queue).toMatch(/deadLetteringOnMessageExpiration: true/);
  });

  it("set every %SETTING% that a timer schedule in functions/ names, or the host would not start", () => {
    const names = readdirSync(join(ROOT, "functions"))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...read(`functions/${f}`).matchAll(/schedule:\s*"%([A-Za-z0-9_]+)%"/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(0);
    expect(templateSettingNames()).toEqual(expect.arrayContaining(names));
  });

  it("set the settings that have no usable default in Azure", () => {
    const needed = ["QUEUE_TRANSPORT", "ServiceBusConnection__fullyQualifiedNamespace", "M365_CLIENT_ID", "M365_CLIENT_SECRET", "AzureWebJobsStorage", "PUBLIC_BASE_URL"];
    expect(templateSettingNames()).toEqual(expect.arrayContaining(needed));
    expect(functionAppBicep).toMatch(/QUEUE_TRANSPORT: 'servicebus'/);
  });

  it("write only setting names the code or the Functions host reads", () => {
    const schemaKeys = keysOf(objectBlock(read("shared/config/settings.ts"), "z.object({"));
    const hostSettings = /^(FUNCTIONS_EXTENSION_VERSION|APPLICATIONINSIGHTS_CONNECTION_STRING|AZURE_CLIENT_ID|(AzureWebJobsStorage|ServiceBusConnection)__(accountName|credential|clientId))$/;
    const unknown = templateSettingNames().filter((name) => !schemaKeys.includes(name) && !hostSettings.test(name));
    expect(unknown).toEqual([]);
  });

  it("leave out the settings Flex Consumption rejects or ignores", () => {
    expect(functionAppBicep).not.toMatch(/FUNCTIONS_WORKER_RUNTIME:|WEBSITE_RUN_FROM_PACKAGE|WEBSITE_CONTENTSHARE|WEBSITE_NODE_DEFAULT_VERSION/);
    expect(functionAppBicep).toMatch(/name: 'node'\n\s+version: '20'/);
  });

  it("offer exactly the ticket systems the webhook route accepts", () => {
    for (const [text, param] of [
      [mainBicep, "webhookSystems"],
      [mainBicep, "writeBackSystems"],
      [functionAppBicep, "webhookSystems"],
      [functionAppBicep, "writeBackSystems"],
    ] as const) {
      expect(allowedFor(text, param).sort()).toEqual([...TICKET_SYSTEMS].sort());
    }
  });

  it("name Key Vault secrets with only the characters Key Vault allows", () => {
    const names = [...functionAppBicep.matchAll(/\$\{secretUri\}([^)]+)\)/g)].map((m) => (m[1] ?? "").replace(/\$\{s\}/g, "zendesk"));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z-]{1,127}$/);
  });

  it("grant the app identity the data roles its connections use", () => {
    const expected = {
      serviceBusDataSender: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
      serviceBusDataReceiver: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
      storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
      storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    };
    for (const [role, id] of Object.entries(expected)) {
      expect(rolesBicep).toContain(`${role}: '${id}'`);
      expect(rolesBicep).toMatch(new RegExp(`roleDefinitionId: subscriptionResourceId\\('Microsoft.Authorization/roleDefinitions', roles\\.${role}\\)`));
    }
  });
});
