import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { appPermissionsDocument } from "../../../shared/m365/app-permissions-document";
import { EXCHANGE_MIGRATION_CMDLETS, EXCHANGE_READ_CMDLETS, EXCHANGE_WRITE_CMDLETS } from "../../../shared/m365/exchange-role";
import { OPERATION_PERMISSIONS, permissionFor } from "../../../shared/m365/m365-permissions";
import { APP_PERMISSIONS, EXCHANGE_OPERATIONS, FEATURES, GRAPH_OPERATIONS, GRAPH_PERMISSIONS, featureNeeds, featurePermissions } from "../../../shared/m365/permission-manifest";
import type { Feature } from "../../../shared/m365/permission-manifest";

const ROOT = join(__dirname, "../../..");
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");
const ticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
const FEATURE_NAMES = Object.keys(FEATURES) as Feature[];

describe("the permission manifest", () => {
  it("names onboarding's Organization.Read.All, the least-privileged permission for GET /organization", () => {
    expect(featureNeeds("onboarding")).toEqual({ graph: ["Organization.Read.All"], exchange: false, cmdlets: [] });
    expect(permissionFor("graph.getOrganization")).toBe("Organization.Read.All");
  });

  it("asks for no permission that no feature uses, and every cmdlet of the role group is used by a feature", () => {
    const used = new Set(FEATURE_NAMES.flatMap((f) => featureNeeds(f).graph));
    expect([...GRAPH_PERMISSIONS].filter((p) => !used.has(p))).toEqual([]);
    const cmdlets = new Set(FEATURE_NAMES.flatMap((f) => featureNeeds(f).cmdlets));
    expect([...cmdlets].sort()).toEqual([...EXCHANGE_READ_CMDLETS, ...EXCHANGE_WRITE_CMDLETS, ...EXCHANGE_MIGRATION_CMDLETS].sort());
    expect(APP_PERMISSIONS).toEqual([...GRAPH_PERMISSIONS, "Exchange.ManageAsApp"]);
  });

  it("m365-permissions.ts names, for each operation, the manifest's permission", () => {
    expect(Object.keys(OPERATION_PERMISSIONS).sort()).toEqual([...Object.keys(GRAPH_OPERATIONS), ...Object.keys(EXCHANGE_OPERATIONS)].sort());
    for (const [op, permission] of Object.entries(GRAPH_OPERATIONS)) expect(permissionFor(op)).toBe(permission);
    for (const op of Object.keys(EXCHANGE_OPERATIONS)) expect(permissionFor(op)).toBe("Exchange.ManageAsApp");
    expect(permissionFor("graph.unknown")).toBeUndefined();
  });

  it("covers every operation the gateways send", () => {
    const sources = readdirSync(join(ROOT, "shared/m365")).filter((f) => f.endsWith(".ts")).map((f) => read(`shared/m365/${f}`)).join("\n");
    const sent = new Set([...sources.matchAll(/operation: "((?:graph|exchange)\.[A-Za-z]+)"/g)].map((m) => m[1] ?? ""));
    expect([...sent].filter((op) => permissionFor(op) === undefined)).toEqual([]);
  });
});

describe("what derives from the manifest", () => {
  it("infra/app-permissions.json (read by the post-provision hook) is the manifest: regenerate with npm run permissions:json", () => {
    expect(JSON.parse(read("infra/app-permissions.json"))).toEqual(appPermissionsDocument());
  });

  it("the post-provision output adds exactly the manifest's permissions and says what the consent grants", async () => {
    const hook = (await import(pathToFileURL(join(ROOT, "infra/hooks/postprovision.mjs")).href)) as { postProvisionSteps(env: Record<string, string>): string };
    const text = hook.postProvisionSteps({});
    const added = [...text.matchAll(/for p in ([^;]+); do az ad app permission add/g)].flatMap((m) => (m[1] ?? "").split(" "));
    expect(added).toEqual([...APP_PERMISSIONS]);
    expect(text).toContain(`It grants ${APP_PERMISSIONS.join(", ")}.`);
  });

  it("docs/real-tenant-setup.md lists exactly the manifest's Graph permissions for the registration", () => {
    const doc = read("docs/real-tenant-setup.md");
    const bullet = /\*\*Microsoft Graph\*\* → \*\*Application permissions\*\*:([\s\S]*?)\n {3}- /.exec(doc)?.[1] ?? "";
    expect(ticked(bullet)).toEqual([...GRAPH_PERMISSIONS]);
  });

  it("docs/real-tenant-setup.md's feature table is the manifest, feature by feature", () => {
    const doc = read("docs/real-tenant-setup.md");
    const section = doc.slice(doc.indexOf("## Which feature needs which permission"), doc.indexOf("## When a permission is missing"));
    const rows = section.split("\n").filter((l) => /^\| `[a-z-]+` \|/.test(l)).map((l) => l.split("|").slice(1, 4).map((c) => ticked(c)));
    const table = Object.fromEntries(rows.map(([feature, graph, cmdlets]) => [feature?.[0] ?? "", { graph, cmdlets }]));
    const expected = Object.fromEntries(FEATURE_NAMES.map((f) => [f, { graph: featureNeeds(f).graph, cmdlets: featureNeeds(f).cmdlets }]));
    expect(table).toEqual(expected);
  });

  it("docs/audit.md's table of what the audit reads names exactly the audit's permissions", () => {
    const doc = read("docs/audit.md");
    const section = doc.slice(doc.indexOf("## What the audit reads"), doc.indexOf("## Findings"));
    const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| layer") && !l.startsWith("|---"));
    const named = new Set(rows.flatMap((l) => (l.split("|").at(-2) ?? "").split(",").map((p) => p.trim())));
    expect([...named].sort()).toEqual([...featurePermissions("audit")].sort());
  });

  it("no doc says the app needs Directory.Read.All for onboarding any more", () => {
    expect(read("docs/real-tenant-setup.md")).not.toMatch(/covered by `Directory\.Read\.All`/);
    expect(read("README.md")).not.toMatch(/Directory\.Read\.All`? (is )?(needed|required) for onboarding/);
  });
});
