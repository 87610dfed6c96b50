import { readFileSync } from "node:fs";
import { filesUnder } from "./files-under";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { type CompiledFile, deploymentProblems, packageOf } from "./deployed-imports";

const ROOT = join(__dirname, "../../..");
type Manifest = { main?: string; scripts?: object; dependencies: Record<string, string>; devDependencies?: Record<string, string> };
type PackageHook = { STAGE: string; DEPLOYED_DIST: string[]; deployedManifest(manifest: Manifest): Manifest };
const hook = async (): Promise<PackageHook> => (await import(pathToFileURL(join(ROOT, "infra/hooks/package.mjs")).href)) as PackageHook;
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;

/** The compiled JavaScript under a folder of dist/ (`npm run build` writes it). */
function compiled(dir: string): CompiledFile[] {
  return filesUnder(dir, ".js").map((path) => ({ path, source: readFileSync(path, "utf8") }));
}

// Azure gets dist/functions, dist/shared, dist/console and the production dependencies, nothing else.
describe("the deployed package", () => {
  it("loads only packages in dependencies, and every dependency is loaded by deployed code", async () => {
    const { DEPLOYED_DIST } = await hook();
    const deployedDirs = DEPLOYED_DIST.map((d) => join(ROOT, "dist", d));
    const files = ["functions", "shared"].flatMap((d) => compiled(join(ROOT, "dist", d)));
    expect(files.length).toBeGreaterThan(50);
    expect(deploymentProblems(files, Object.keys(manifest.dependencies), deployedDirs, ROOT)).toEqual([]);
  });

  it("notices a devDependency, a load from outside the package and an unused dependency", () => {
    const dist = join(ROOT, "dist");
    const files = [
      { path: join(dist, "functions/a.js"), source: 'require("zod"); require("node:fs"); require("fs/promises"); require("../shared/x"); require("vitest/config");' },
      { path: join(dist, "shared/b.js"), source: 'const m = await import("../dev/sim/main"); require("@azure/identity/sub");' },
    ];
    expect(deploymentProblems(files, ["zod", "@azure/identity", "jose"], [join(dist, "functions"), join(dist, "shared")], ROOT)).toEqual([
      "dist/functions/a.js: loads vitest, which is not in dependencies",
      "dist/shared/b.js: loads ../dev/sim/main, which is not deployed",
      "jose: in dependencies, loaded by no deployed code",
    ]);
    expect(packageOf("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials")).toBe("@microsoft/microsoft-graph-client");
  });

  it("is staged by the prepackage hook, without scripts or devDependencies, in the folder azd zips as it is", async () => {
    const { STAGE, deployedManifest } = await hook();
    const deployed = deployedManifest(manifest);
    expect(deployed.scripts).toBeUndefined();
    expect(deployed.devDependencies).toBeUndefined();
    expect(deployed.main).toBe("dist/functions/*.js");
    expect(deployed.dependencies).toEqual(manifest.dependencies);
    const yaml = readFileSync(join(ROOT, "azure.yaml"), "utf8");
    expect(yaml).toContain(`    dist: ${STAGE}\n    remoteBuild: false\n`);
    expect(yaml).toMatch(/hooks:\n      prepackage:\n        posix:\n          shell: sh\n          run: node infra\/hooks\/package\.mjs\n/);
  });
});
