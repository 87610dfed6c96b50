import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The directory holding the simulator certificate this process trusts: SIM_CERT_DIR when a setup
 * exported it, else the directory of NODE_EXTRA_CA_CERTS when that names a simulator's cert.pem
 * (with its key.pem beside it) rather than a CA bundle.
 */
export function simCertDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SIM_CERT_DIR) return env.SIM_CERT_DIR;
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (!extra || path.basename(extra) !== "cert.pem") return undefined;
  const dir = path.dirname(extra);
  return existsSync(path.join(dir, "key.pem")) && existsSync(path.join(dir, "cert.pem")) ? dir : undefined;
}
