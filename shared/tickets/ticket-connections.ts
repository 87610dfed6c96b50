import { z } from "zod";
import { AppError } from "../errors/app-error";
import { validate } from "../http/validate";
import { isTicketSystem } from "./ticket-event";
import { moduleFor } from "./systems";
import type { OperatorRef } from "../auth/operator";
import type { TicketSystem } from "../domain/types";
import type { TenantEventLog } from "../store/tenant-event-log";
import type { TenantRegistry } from "../store/tenant-registry";
import type { ConnectionView, TicketConnectionStore } from "../store/ticket-connection-store";

/** Loopback hosts may be plain http (local fake vendor servers); every other base URL is https. */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A base URL credentials may be sent to: https (http on loopback only), no credentials in it, no query or fragment. */
const BaseUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
      return secure && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, "an https URL without credentials, query or fragment (http only on 127.0.0.1/localhost)")
  .transform((value) => value.replace(/\/+$/, ""));

export interface ConnectionDeps {
  tenants: Pick<TenantRegistry, "get">;
  connections: Pick<TicketConnectionStore, "put" | "list" | "delete">;
  events: Pick<TenantEventLog, "append">;
  by: OperatorRef;
  now: Date;
}

/**
 * PUT /api/tenants/{id}/ticket-connections/{system}: the tenant's own connection for write-back, body
 * `{"baseUrl","credentials":{...},"options"?:{...}}` checked against the system's settings schema.
 * The answer and the tenant's events name the fields held, never their values.
 */
export async function putTicketConnection(tenantId: string, system: string, body: unknown, deps: ConnectionDeps): Promise<{ view: ConnectionView; created: boolean }> {
  const known = knownSystem(system);
  const settings = moduleFor(known).settings;
  const input = validate(z.object({ baseUrl: BaseUrl, credentials: settings.credentials, options: settings.options.default({}) }).strict(), body ?? {});
  const tenant = await requireTenant(tenantId, deps);
  const created = await deps.connections.put(tenant, known, input, deps.now, deps.by.upn);
  await deps.events.append({ tenantId: tenant, kind: "ticket-connection-set", at: deps.now.toISOString(), by: deps.by, system: known, after: { baseUrl: input.baseUrl, options: input.options, credentialFields: Object.keys(input.credentials).sort() } });
  const view: ConnectionView = { system: known, baseUrl: input.baseUrl, options: input.options, credentialFields: Object.keys(input.credentials).sort(), updatedAt: deps.now.toISOString(), updatedBy: deps.by.upn };
  return { view, created };
}

/** GET /api/tenants/{id}/ticket-connections: where each connection points, never its credentials. */
export async function listTicketConnections(tenantId: string, deps: Pick<ConnectionDeps, "tenants" | "connections">): Promise<{ tenantId: string; connections: ConnectionView[] }> {
  const tenant = await requireTenant(tenantId, deps);
  return { tenantId: tenant, connections: await deps.connections.list(tenant) };
}

/** DELETE /api/tenants/{id}/ticket-connections/{system}: from now on that system's tickets get no notes. */
export async function deleteTicketConnection(tenantId: string, system: string, deps: ConnectionDeps): Promise<void> {
  const known = knownSystem(system);
  const tenant = await requireTenant(tenantId, deps);
  if (!(await deps.connections.delete(tenant, known))) throw new AppError("TICKET_CONNECTION_NOT_FOUND");
  await deps.events.append({ tenantId: tenant, kind: "ticket-connection-removed", at: deps.now.toISOString(), by: deps.by, system: known });
}

function knownSystem(system: string): TicketSystem {
  if (!isTicketSystem(system)) throw new AppError("UNKNOWN_SYSTEM");
  return system;
}

async function requireTenant(tenantId: string, deps: Pick<ConnectionDeps, "tenants">): Promise<string> {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new AppError("TENANT_NOT_FOUND", `Tenant ${tenantId} is not onboarded.`);
  return tenant.tenantId;
}
