import os from "node:os";
import path from "node:path";
import { startAzurite, type AzuriteHandle } from "../../dev/azurite";
import { chromiumExecutable } from "../../dev/browser/chromium";
import { ensureCertificate } from "../../dev/sim/certificate";

/**
 * Starts what every test file may share, once per run: an in-memory Azurite on free ports, the
 * simulator's certificate, and the Chromium from npm unpacked once (before parallel workers would race
 * to unpack it). Azurite and the certificate reach the workers (forked after this) through the
 * environment; NODE_EXTRA_CA_CERTS must be set here because Node reads it only when a process starts.
 * Test files that run a local host start their own Azurite, so hosts never share queues.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const certDir = path.join(os.tmpdir(), "smtp-auth-test-cert");
  const certificate = await ensureCertificate(certDir);
  process.env.SIM_CERT_DIR = certDir;
  process.env.NODE_EXTRA_CA_CERTS = certificate.certPath;
  await chromiumExecutable();
  const azurite: AzuriteHandle = await startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
  process.env.AZURITE_CONNECTION_STRING = azurite.connectionString;
  return async () => {
    await azurite.close();
  };
}
