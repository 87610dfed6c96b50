import { z } from "zod";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import { TENANT_ACCESS } from "../domain/types";
import { validate } from "../http/validate";
import type { OnboardedTenant, TenantRegistry } from "../store/tenant-registry";

const TenantIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/, "a tenant id (GUID) or its initial domain");

export const TenantInputSchema = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  domains: z
    .array(z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a DNS domain like contoso.com"))
    .min(1)
    .max(500),
  policy: z
    .object({
      allowTenantWideChanges: z.boolean().optional(),
      exceptionDays: z.number().int().min(1).max(3650).optional(),
      locale: z.enum(["en", "bg"]).optional(),
      autoRevertExpired: z.boolean().optional(),
    })
    .strict()
    .optional(),
  /** "read-only" when the tenant granted only the reads (docs/real-tenant-setup.md). */
  access: z.enum(TENANT_ACCESS).optional(),
});

/** PUT /api/tenants/{tenantId}: onboard or update a tenant; policy fields left out take the safe defaults. */
export async function onboardTenant(tenantId: string, body: unknown, registry: TenantRegistry, now: Date): Promise<{ tenant: OnboardedTenant; created: boolean }> {
  const id = validate(TenantIdSchema, tenantId);
  const input = validate(TenantInputSchema, body);
  return registry.put({ tenantId: id, displayName: input.displayName ?? id, domains: input.domains, policy: resolveTenantPolicy(input.policy), access: input.access }, now);
}
