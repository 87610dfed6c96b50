import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import type { TicketSystem } from "../domain/types";
import { AppError } from "../errors/app-error";
import type { SecretSealer } from "./secret-sealer";
import { openTable, TABLES, toTableKey } from "./table-client";

/** A tenant's connection to one of its ticket systems, opened: what write-back signs in with. */
export interface OpenedConnection {
  baseUrl: string;
  credentials: Record<string, string>;
  options: Record<string, string>;
}

/** A connection as GET shows it: where it points, its options and which credentials it holds, never their values. */
export interface ConnectionView {
  system: TicketSystem;
  baseUrl: string;
  options: Record<string, string>;
  credentialFields: string[];
  updatedAt: string;
  updatedBy?: string;
}

interface ConnectionEntity {
  baseUrl: string;
  options: string;
  credentials: string;
  credentialFields: string;
  updatedAt: string;
  updatedBy?: string;
}

/**
 * Tenants' ticket connections, one row per tenant and system (partition: tenant id, row: system). The
 * credentials are sealed (secret-sealer.ts), bound to their tenant and system, so the table alone
 * writes on nobody's tickets and a value copied into another row does not open there. Without a
 * sealer nothing is stored and nothing opens.
 */
export class TicketConnectionStore {
  private constructor(
    private readonly table: TableClient,
    private readonly sealer: SecretSealer | undefined,
  ) {}

  static async open(connectionString: string, sealer: SecretSealer | undefined): Promise<TicketConnectionStore> {
    return new TicketConnectionStore(await openTable(connectionString, TABLES.ticketConnections), sealer);
  }

  /** Creates or replaces a tenant's connection to a system; true when it is new. */
  async put(tenantId: string, system: TicketSystem, connection: OpenedConnection, now: Date, by?: string): Promise<boolean> {
    if (!this.sealer) throw new AppError("WEBHOOK_SEALING_NOT_CONFIGURED");
    const existed = (await this.entity(tenantId, system)) !== undefined;
    await this.table.upsertEntity(
      {
        partitionKey: toTableKey(tenantId),
        rowKey: system,
        baseUrl: connection.baseUrl,
        options: JSON.stringify(connection.options),
        credentials: this.sealer.seal(JSON.stringify(connection.credentials), boundTo(tenantId, system)),
        credentialFields: JSON.stringify(Object.keys(connection.credentials).sort()),
        updatedAt: now.toISOString(),
        updatedBy: by ?? "",
      },
      "Replace",
    );
    return !existed;
  }

  /** The tenant's connection with its credentials open; undefined when there is none or it does not open. */
  async get(tenantId: string, system: TicketSystem): Promise<OpenedConnection | undefined> {
    const entity = await this.entity(tenantId, system);
    const opened = entity && this.sealer?.open(entity.credentials, boundTo(tenantId, system));
    if (!entity || !opened) return undefined;
    try {
      return { baseUrl: entity.baseUrl, credentials: JSON.parse(opened) as Record<string, string>, options: JSON.parse(entity.options) as Record<string, string> };
    } catch {
      return undefined;
    }
  }

  /** Every connection of a tenant, without credentials. */
  async list(tenantId: string): Promise<ConnectionView[]> {
    const views: ConnectionView[] = [];
    const rows = this.table.listEntities<ConnectionEntity>({ queryOptions: { filter: `PartitionKey eq '${toTableKey(tenantId).replace(/'/g, "''")}'` } });
    for await (const row of rows) {
      views.push({
        system: row.rowKey as TicketSystem,
        baseUrl: row.baseUrl,
        options: JSON.parse(row.options) as Record<string, string>,
        credentialFields: JSON.parse(row.credentialFields) as string[],
        updatedAt: row.updatedAt,
        ...(row.updatedBy ? { updatedBy: row.updatedBy } : {}),
      });
    }
    return views;
  }

  /** Removes a tenant's connection to a system; true when there was one. */
  async delete(tenantId: string, system: TicketSystem): Promise<boolean> {
    try {
      await this.table.deleteEntity(toTableKey(tenantId), system);
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return false;
      throw e;
    }
  }

  /** Removes every connection of a tenant (offboarding): its credentials are not kept past it. */
  async deleteAll(tenantId: string): Promise<void> {
    for (const view of await this.list(tenantId)) await this.delete(tenantId, view.system);
  }

  private async entity(tenantId: string, system: TicketSystem): Promise<ConnectionEntity | undefined> {
    try {
      return await this.table.getEntity<ConnectionEntity>(toTableKey(tenantId), system);
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return undefined;
      throw e;
    }
  }
}

/** What sealed credentials are bound to: their tenant and system. */
function boundTo(tenantId: string, system: TicketSystem): string {
  return `ticket-connection/${tenantId}/${system}`;
}
