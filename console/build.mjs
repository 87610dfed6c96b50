// Builds the operator console into dist/console: one bundled script, its stylesheet and the page.
// Run by `npm run build`; esbuild bundles the TypeScript (tsc type-checks it in `npm run typecheck`).
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "dist", "console");
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, "src", "main.ts")],
  outfile: path.join(out, "app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
await copyFile(path.join(here, "index.html"), path.join(out, "index.html"));
await copyFile(path.join(here, "app.css"), path.join(out, "app.css"));
