import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startSimulator } from "../../dev/sim/start-simulator";
import { simCertDir } from "./sim-cert-dir";

/**
 * Contract-test setup for `--config test/contract/vitest.contract.config.ts`: makes sure a
 * simulator certificate exists and that the forked workers trust it. NODE_EXTRA_CA_CERTS is read
 * only at process start, so it is set here, before vitest forks the workers. A CA bundle already
 * named there (the machine's) is kept: the simulator's certificate is appended to a copy of it.
 */
export default async function setup(): Promise<void> {
  if (simCertDir()) return;
  const certDir = path.resolve(process.cwd(), ".sim", "contract");
  const sim = await startSimulator({ port: 0, smtpPort: 0, certDir });
  await sim.close();
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  const bundle = path.join(certDir, "trusted-bundle.pem");
  const parts = [await readFile(sim.caCertPath, "utf8")];
  if (existing && existsSync(existing)) parts.unshift(await readFile(existing, "utf8"));
  await writeFile(bundle, parts.join("\n"));
  process.env.NODE_EXTRA_CA_CERTS = bundle;
  process.env.SIM_CERT_DIR = certDir;
}
