import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { appPermissionsDocument } from "../shared/m365/app-permissions-document";

/** Writes infra/app-permissions.json from the permission manifest (run after changing the manifest). */
const target = join(__dirname, "../../infra/app-permissions.json");
writeFileSync(target, JSON.stringify(appPermissionsDocument(), null, 2) + "\n");
process.stdout.write(`wrote ${target}\n`);
