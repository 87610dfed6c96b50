import { randomBytes } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { TicketSystem } from "../domain/types";
import { AppError } from "../errors/app-error";
import type { SecretSealer } from "./secret-sealer";
import { openTable, TABLES, toTableKey } from "./table-client";

/** A tenant's webhook key: random, so one tenant's URL tells nothing about another's and none can be guessed. */
export const TENANT_KEY_PATTERN = /^tk_[A-Za-z0-9_-]{24}$/;

/** What a rotation hands back, once: the secret itself is never read out again. */
export interface IssuedSecret {
  tenantKey: string;
  secret: string;
  /** The secret it replaced stays valid until then, so the system can be switched over without a gap. */
  previousValidUntil?: string;
  /** True for the system's first secret, false for a rotation. */
  created: boolean;
}

interface SecretEntity {
  current: string;
  previous?: string;
  previousUntil?: string;
  rotatedAt: string;
}

/**
 * Per-tenant webhook secrets, one per tenant and system, in their own table (never in tenant listings).
 * Rows: `tenant/<tenantId>` → its key; `key/<tenantKey>` → its tenant; `secret:<tenantKey>/<system>` → the
 * current secret and, during a rotation's overlap, the previous one, each sealed (secret-sealer.ts):
 * the table alone does not let anyone sign a tenant's webhooks. Without a sealer no secret is issued
 * and none is accepted.
 */
export class WebhookSecretStore {
  private constructor(
    private readonly table: TableClient,
    private readonly sealer: SecretSealer | undefined,
  ) {}

  static async open(connectionString: string, sealer: SecretSealer | undefined): Promise<WebhookSecretStore> {
    return new WebhookSecretStore(await openTable(connectionString, TABLES.webhookSecrets), sealer);
  }

  /** The tenant a key belongs to and the secrets valid now for a system; undefined for anything unknown. */
  async resolve(tenantKey: string, system: TicketSystem, now: Date): Promise<{ tenantId: string; secrets: string[] } | undefined> {
    if (!TENANT_KEY_PATTERN.test(tenantKey) || !this.sealer) return undefined;
    const owner = await this.read<{ tenantId: string }>("key", tenantKey);
    const entry = owner && (await this.read<SecretEntity>(`secret:${tenantKey}`, system));
    if (!owner || !entry) return undefined;
    const previousLive = entry.previous && entry.previousUntil && Date.parse(entry.previousUntil) > now.getTime();
    const sealed = previousLive ? [entry.current, entry.previous!] : [entry.current];
    const secrets = sealed.map((value) => this.sealer!.open(value, boundTo(tenantKey, system))).filter((s): s is string => s !== undefined);
    return secrets.length ? { tenantId: owner.tenantId, secrets } : undefined;
  }

  /** Issues a new secret for a tenant's system; the one it replaces stays valid for `overlapMs`. */
  async rotate(tenantId: string, system: TicketSystem, overlapMs: number, now: Date): Promise<IssuedSecret> {
    if (!this.sealer) throw new AppError("WEBHOOK_SEALING_NOT_CONFIGURED");
    const tenantKey = await this.keyFor(tenantId);
    const partition = `secret:${tenantKey}`;
    const existing = await this.read<SecretEntity & { etag: string }>(partition, system);
    const secret = randomBytes(32).toString("base64url");
    const previousUntil = existing && overlapMs > 0 ? new Date(now.getTime() + overlapMs).toISOString() : undefined;
    const entity = {
      partitionKey: partition,
      rowKey: system,
      current: this.sealer.seal(secret, boundTo(tenantKey, system)),
      previous: previousUntil ? existing!.current : "",
      previousUntil: previousUntil ?? "",
      rotatedAt: now.toISOString(),
    };
    // Conditional on what was read: two rotations at once cannot both think they replaced the same secret.
    if (existing) await this.table.updateEntity(entity, "Replace", { etag: existing.etag });
    else await this.table.createEntity(entity);
    return { tenantKey, secret, created: !existing, ...(previousUntil ? { previousValidUntil: previousUntil } : {}) };
  }

  /**
   * Revokes a tenant's secrets for a system, the previous one of an overlap too; true when there were any.
   * The endpoint's key stays the tenant's, so a later issue gives the same URL with a new secret.
   */
  async revoke(tenantId: string, system: TicketSystem): Promise<boolean> {
    const known = await this.read<{ tenantKey: string }>("tenant", tenantId);
    if (!known) return false;
    try {
      await this.table.deleteEntity(`secret:${known.tenantKey}`, toTableKey(system));
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return false;
      throw e;
    }
  }

  /** Revokes every system's secrets of a tenant and forgets its key, so its endpoint URL is dead for good (offboarding). */
  async revokeAll(tenantId: string, systems: readonly TicketSystem[]): Promise<void> {
    const known = await this.read<{ tenantKey: string }>("tenant", tenantId);
    if (!known) return;
    for (const system of systems) await this.revoke(tenantId, system);
    await this.deleteIfThere("key", known.tenantKey);
    await this.deleteIfThere("tenant", tenantId);
  }

  private async deleteIfThere(partitionKey: string, rowKey: string): Promise<void> {
    try {
      await this.table.deleteEntity(partitionKey, toTableKey(rowKey));
    } catch (e) {
      if (!(e instanceof RestError && e.statusCode === 404)) throw e;
    }
  }

  /** The tenant's key, created on first use; the first writer wins a race. */
  private async keyFor(tenantId: string): Promise<string> {
    const known = await this.read<{ tenantKey: string }>("tenant", tenantId);
    if (known) return known.tenantKey;
    const tenantKey = `tk_${randomBytes(18).toString("base64url")}`;
    // The key's row first: a key that lost the race below maps to the right tenant and has no secrets.
    await this.table.createEntity({ partitionKey: "key", rowKey: tenantKey, tenantId });
    try {
      await this.table.createEntity({ partitionKey: "tenant", rowKey: toTableKey(tenantId), tenantKey });
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 409) return this.keyFor(tenantId);
      throw e;
    }
    return tenantKey;
  }

  private async read<T>(partitionKey: string, rowKey: string): Promise<T | undefined> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(partitionKey, toTableKey(rowKey));
      const cleaned = Object.fromEntries(Object.entries(entity).filter(([, value]) => value !== ""));
      return cleaned as T;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return undefined;
      throw e;
    }
  }
}

/** What a sealed secret is bound to: its tenant's key and system, so it opens in its own row only. */
function boundTo(tenantKey: string, system: TicketSystem): string {
  return `${tenantKey}/${system}`;
}
