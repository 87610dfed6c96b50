import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** What a sealed value starts with: the format, so a later one can be told apart. */
const FORMAT = "sealed-v1";
const INFO = "smtp-auth-remediation webhook secrets v1";

/**
 * Seals short secrets for storage (AES-256-GCM under a key derived from the app's sealing secret),
 * each bound to where it is kept, so a sealed value read from a table, a backup or an export is of no
 * use, and one copied into another row does not open there. A value that does not open (tampered,
 * moved, sealed under a key no longer known, or stored in plain text) is simply not a secret.
 */
export class SecretSealer {
  private constructor(private readonly keys: readonly Buffer[]) {}

  /** From the sealing secret and, while it is being replaced, the one before it (which only opens). */
  static fromSecrets(current: string, previous?: string): SecretSealer {
    return new SecretSealer([current, ...(previous ? [previous] : [])].map(keyFrom));
  }

  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.keys[0]!, iv);
    cipher.setAAD(Buffer.from(boundTo, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}.${iv.toString("base64url")}.${body.toString("base64url")}`;
  }

  /** The secret, or undefined when the value does not open as one sealed here for `boundTo`. */
  open(sealed: string, boundTo: string): string | undefined {
    const [format, iv, body] = sealed.split(".");
    if (format !== FORMAT || !iv || !body) return undefined;
    const bytes = Buffer.from(body, "base64url");
    if (bytes.length < 16) return undefined;
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(boundTo, "utf8"));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
      } catch {
        // Not this key (or not authentic): try the previous one, if any.
      }
    }
    return undefined;
  }
}

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), INFO, 32));
}
