import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { generate } from "selfsigned";

/** PEM key and certificate the simulator serves, and where the certificate lives. */
export interface SimulatorCertificate {
  key: string;
  cert: string;
  certPath: string;
}

/** Validity of a freshly generated certificate. */
const VALID_DAYS = 825;

/**
 * Loads cert.pem/key.pem from certDir, or generates a self-signed certificate for
 * 127.0.0.1/localhost there. Clients trust it through NODE_EXTRA_CA_CERTS=<certDir>/cert.pem.
 */
export async function ensureCertificate(certDir: string): Promise<SimulatorCertificate> {
  const certPath = path.join(certDir, "cert.pem");
  const keyPath = path.join(certDir, "key.pem");
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { key: await readFile(keyPath, "utf8"), cert: await readFile(certPath, "utf8"), certPath };
  }
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + VALID_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
    ],
  });
  await mkdir(certDir, { recursive: true });
  // Two processes may start at once on a fresh checkout: write under temporary names, rename the
  // key before the certificate, and adopt the other process's pair if it finished first.
  const suffix = `.${process.pid}.${Date.now()}.tmp`;
  await writeFile(keyPath + suffix, pems.private, { mode: 0o600 });
  await writeFile(certPath + suffix, pems.cert);
  if (existsSync(certPath)) {
    await Promise.all([rm(keyPath + suffix, { force: true }), rm(certPath + suffix, { force: true })]);
    return { key: await readFile(keyPath, "utf8"), cert: await readFile(certPath, "utf8"), certPath };
  }
  await rename(keyPath + suffix, keyPath);
  await rename(certPath + suffix, certPath);
  return { key: pems.private, cert: pems.cert, certPath };
}
