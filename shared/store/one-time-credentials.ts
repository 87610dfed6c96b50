import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { SecretSealer } from "./secret-sealer";
import { openTable, TABLES, toTableKey } from "./table-client";

/** A credential a migration step generated: who signs in with it and the secret. */
export interface OneTimeCredential {
  username: string;
  password: string;
  /** Where the device sends with it, e.g. `smtp.hve.mx.microsoft:587`. */
  endpoint: string;
}

interface CredentialEntity {
  username: string;
  endpoint: string;
  sealed: string;
  storedAt: string;
}

/**
 * Generated credentials, one per request, sealed (secret-sealer.ts) and bound to the request, and
 * readable exactly once: `take` deletes the row on the ETag it read, so of two readers only one gets
 * the secret and every later read finds nothing. Without a sealer nothing is stored (fail closed).
 */
export class OneTimeCredentials {
  private constructor(private readonly table: TableClient, private readonly sealer: SecretSealer | undefined) {}

  static async open(connectionString: string, sealer: SecretSealer | undefined): Promise<OneTimeCredentials> {
    return new OneTimeCredentials(await openTable(connectionString, TABLES.oneTimeCredentials), sealer);
  }

  /** Whether credentials can be kept at all (a sealing secret is configured). */
  get canStore(): boolean {
    return this.sealer !== undefined;
  }

  /** Stores (or replaces, on a retried step) the request's credential. */
  async put(requestId: string, credential: OneTimeCredential, now: Date): Promise<void> {
    if (!this.sealer) throw new Error("No sealing secret is configured: generated credentials cannot be stored.");
    const entity: CredentialEntity = { username: credential.username, endpoint: credential.endpoint, sealed: this.sealer.seal(credential.password, boundTo(requestId)), storedAt: now.toISOString() };
    await this.table.upsertEntity({ partitionKey: toTableKey(requestId), rowKey: "credential", ...entity }, "Replace");
  }

  /** The credential, once: undefined when there is none, it was taken already, or it does not open. */
  async take(requestId: string): Promise<OneTimeCredential | undefined> {
    if (!this.sealer) return undefined;
    let entity: CredentialEntity & { etag: string };
    try {
      entity = await this.table.getEntity<CredentialEntity>(toTableKey(requestId), "credential") as CredentialEntity & { etag: string };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return undefined;
      throw e;
    }
    try {
      await this.table.deleteEntity(toTableKey(requestId), "credential", { etag: entity.etag });
    } catch (e) {
      // Another reader deleted it first (404) or got there between our read and delete (412): theirs.
      if (e instanceof RestError && (e.statusCode === 404 || e.statusCode === 412)) return undefined;
      throw e;
    }
    const password = this.sealer.open(entity.sealed, boundTo(requestId));
    return password === undefined ? undefined : { username: entity.username, password, endpoint: entity.endpoint };
  }
}

function boundTo(requestId: string): string {
  return `one-time-credential:${requestId}`;
}
