// azd prepackage hook (azure.yaml): builds the app once, on this machine, and stages what Azure runs in
// .deploy/api: host.json, package.json, the compiled functions, core and operator console, and node_modules
// with the production dependencies only. azd zips that folder as it is (`dist`, `remoteBuild: false`).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the package is staged; azure.yaml's `dist` names the same folder. */
export const STAGE = ".deploy/api";

/** The folders of dist/ that run in Azure: the functions, the core they import, the console they serve. */
export const DEPLOYED_DIST = ["functions", "shared", "console"];

/**
 * package.json as deployed: what the Functions host reads (`main`) and the production dependencies. No
 * scripts: `prepare` would run the build, which needs tsc, a devDependency.
 */
export function deployedManifest({ name, version, private: isPrivate, main, engines, dependencies }) {
  return { name, version, private: isPrivate, main, engines, dependencies };
}

function npm(args, cwd) {
  // npm is npm.cmd on Windows, which Node starts only through a shell.
  const windows = process.platform === "win32";
  const result = spawnSync(windows ? "npm.cmd" : "npm", args, { cwd, stdio: "inherit", shell: windows });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed in ${cwd}`);
}

/** Builds from the sources in `root` (its devDependencies installed) and stages the deployment. */
export function stageDeployment(root = ROOT) {
  npm(["run", "build"], root);
  const out = path.join(root, STAGE);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const dir of DEPLOYED_DIST) cpSync(path.join(root, "dist", dir), path.join(out, "dist", dir), { recursive: true });
  cpSync(path.join(root, "host.json"), path.join(out, "host.json"));
  cpSync(path.join(root, "package-lock.json"), path.join(out, "package-lock.json"));
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  writeFileSync(path.join(out, "package.json"), `${JSON.stringify(deployedManifest(manifest), null, 2)}\n`);
  // The exact versions of the lock file, production dependencies only.
  npm(["ci", "--omit=dev", "--no-audit", "--no-fund"], out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) stageDeployment();
