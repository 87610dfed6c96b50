import { TICKET_SYSTEMS } from "../domain/types";
import { AppError } from "../errors/app-error";
import type { OperatorRef } from "../auth/operator";
import type { TenantEventLog } from "../store/tenant-event-log";
import type { TenantRegistry } from "../store/tenant-registry";
import type { TicketConnectionStore } from "../store/ticket-connection-store";
import type { WebhookSecretStore } from "../store/webhook-secret-store";
import type { RemediationDeps } from "./remediation-deps";
import { tenantSnapshot } from "./tenant-snapshot";
import { closeOpenVerifications } from "./verify-fixes";

export interface OffboardDeps extends Pick<RemediationDeps, "requests" | "events" | "notify" | "now" | "log"> {
  tenants: Pick<TenantRegistry, "get" | "remove">;
  secrets: Pick<WebhookSecretStore, "revokeAll">;
  tenantEvents: Pick<TenantEventLog, "append">;
  /** The tenant's ticket connections: their credentials go with the tenant. */
  connections?: Pick<TicketConnectionStore, "deleteAll">;
}

const OFFBOARDED = "the tenant was offboarded, so its sign-in log is no longer read";

/**
 * Offboards a tenant: its webhook endpoint dies first (no delivery can start anything while the rest
 * goes), then the tenant leaves the registry (audits stop, remediations for it get 404) and its fixes
 * waiting on the device close as unavailable, and its ticket connections are deleted. Requests, the event trail, exceptions and the tenant's
 * own events stay; who offboarded it, and the tenant as it was, join them.
 */
export async function offboardTenant(tenantId: string, by: OperatorRef, deps: OffboardDeps): Promise<{ tenantId: string; verificationsClosed: number }> {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new AppError("TENANT_NOT_FOUND", `Tenant ${tenantId} is not onboarded.`);
  await deps.secrets.revokeAll(tenant.tenantId, TICKET_SYSTEMS);
  await deps.tenants.remove(tenant.tenantId);
  await deps.tenantEvents.append({ tenantId: tenant.tenantId, kind: "tenant-offboarded", at: deps.now().toISOString(), by, before: tenantSnapshot(tenant) });
  const verificationsClosed = await closeOpenVerifications(deps, tenant.tenantId, OFFBOARDED);
  // Last, so the closing notes above are queued first; one still in the outbox then finds no connection (and says so).
  await deps.connections?.deleteAll(tenant.tenantId);
  return { tenantId: tenant.tenantId, verificationsClosed };
}
