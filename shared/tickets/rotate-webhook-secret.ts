import { z } from "zod";
import { TICKET_SYSTEMS } from "../domain/types";
import { AppError } from "../errors/app-error";
import { validate } from "../http/validate";
import type { TicketSystem } from "../domain/types";
import type { OperatorRef } from "../auth/operator";
import type { TenantEventLog } from "../store/tenant-event-log";
import type { TenantRegistry } from "../store/tenant-registry";
import type { IssuedSecret, WebhookSecretStore } from "../store/webhook-secret-store";

const MAX_OVERLAP_HOURS = 7 * 24;

const RotateInput = z.object({
  /** How long the secret being replaced keeps working, so the ticket system can be switched without a gap. */
  overlapHours: z.number().min(0).max(MAX_OVERLAP_HOURS).default(24),
});

/** What the caller sees once: the endpoint, the secret, and until when the previous one still works. */
export interface RotatedSecret {
  tenantId: string;
  system: TicketSystem;
  url: string;
  secret: string;
  previousSecretValidUntil?: string;
}

/** Who issued, rotated or revoked a secret, for the tenant's events (the secret itself never goes there). */
export interface SecretActor {
  by: OperatorRef;
  events: Pick<TenantEventLog, "append">;
}

/** Revokes a tenant's webhook secrets for one system at once: its endpoint refuses every delivery from then on. */
export async function revokeWebhookSecret(
  tenantId: string,
  system: string,
  deps: { tenants: Pick<TenantRegistry, "get">; secrets: Pick<WebhookSecretStore, "revoke">; now: Date } & SecretActor,
): Promise<{ tenantId: string; system: TicketSystem }> {
  if (!(TICKET_SYSTEMS as readonly string[]).includes(system)) throw new AppError("UNKNOWN_SYSTEM");
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new AppError("TENANT_NOT_FOUND", `Tenant ${tenantId} is not onboarded.`);
  if (!(await deps.secrets.revoke(tenant.tenantId, system as TicketSystem))) throw new AppError("WEBHOOK_SECRET_NOT_FOUND");
  await deps.events.append({ tenantId: tenant.tenantId, kind: "webhook-secret-revoked", at: deps.now.toISOString(), by: deps.by, system });
  return { tenantId: tenant.tenantId, system: system as TicketSystem };
}

/**
 * Issues (first call) or rotates a tenant's webhook secret for one system and returns it with the
 * tenant's endpoint. The secret is shown here only; nothing reads it out again.
 */
export async function rotateWebhookSecret(
  tenantId: string,
  system: string,
  body: unknown,
  deps: { tenants: Pick<TenantRegistry, "get">; secrets: Pick<WebhookSecretStore, "rotate">; baseUrl: string; now: Date } & SecretActor,
): Promise<{ rotated: RotatedSecret; created: boolean }> {
  if (!(TICKET_SYSTEMS as readonly string[]).includes(system)) throw new AppError("UNKNOWN_SYSTEM");
  const input = validate(RotateInput, body ?? {});
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new AppError("TENANT_NOT_FOUND", `Tenant ${tenantId} is not onboarded.`);
  const issued: IssuedSecret = await deps.secrets.rotate(tenant.tenantId, system as TicketSystem, input.overlapHours * 3_600_000, deps.now);
  const rotated: RotatedSecret = {
    tenantId: tenant.tenantId,
    system: system as TicketSystem,
    url: `${deps.baseUrl.replace(/\/+$/, "")}/api/webhooks/${system}/${issued.tenantKey}`,
    secret: issued.secret,
    ...(issued.previousValidUntil ? { previousSecretValidUntil: issued.previousValidUntil } : {}),
  };
  await deps.events.append({ tenantId: tenant.tenantId, kind: issued.created ? "webhook-secret-issued" : "webhook-secret-rotated", at: deps.now.toISOString(), by: deps.by, system });
  return { rotated, created: issued.created };
}
