import { z } from "zod";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import { STEP_NAMES, TENANT_ACCESS } from "../domain/types";
import { validate } from "../http/validate";
import { AppError } from "../errors/app-error";
import { M365Error } from "../m365/m365-error";
import type { OnboardedTenant, TenantInput, TenantRegistry, TenantVerification } from "../store/tenant-registry";

/** `name@domain` with `*` wildcards, e.g. `scan*@contoso.com` or `*@devices.contoso.com`. */
const UpnPatternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[a-z0-9._%+'*-]+@[a-z0-9.*-]+$/, "a UPN pattern like scan*@contoso.com");

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
      autoApprove: z.array(z.enum(STEP_NAMES)).max(STEP_NAMES.length).optional(),
      deviceAccounts: z.array(UpnPatternSchema).max(100).optional(),
      protectedAccounts: z.array(UpnPatternSchema).max(100).optional(),
      maxAutomaticPerDay: z.number().int().min(0).max(10_000).optional(),
      // Fractions are allowed (0.5 = 30 minutes).
      approvalHours: z.number().positive().max(720).optional(),
      operatorGroups: z
        .array(z.string().trim().toLowerCase().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "an Entra group object id (GUID)"))
        .max(50)
        .optional(),
    })
    .strict()
    .optional(),
  /** "read-only" when the tenant granted only the reads (docs/real-tenant-setup.md). */
  access: z.enum(TENANT_ACCESS).optional(),
});

/** Reads the domains the tenant itself has verified (Graph `/organization`); throws when it cannot. */
export type VerifiedDomainsReader = (tenantId: string) => Promise<string[]>;

/** The tenant a PUT asks for: validated, its policy's missing fields filled with the safe defaults. */
export type DesiredTenant = Omit<TenantInput, "verification">;

/** Validates a PUT's tenant id and body (400 on bad input) into the tenant it asks for. */
export function parseTenantPut(tenantId: string, body: unknown): DesiredTenant {
  const id = validate(TenantIdSchema, tenantId);
  const input = validate(TenantInputSchema, body);
  return { tenantId: id, displayName: input.displayName ?? id, domains: input.domains, policy: resolveTenantPolicy(input.policy), ...(input.access ? { access: input.access } : {}) };
}

/**
 * Writes a tenant: every domain must be one the tenant has verified (400 DOMAIN_NOT_VERIFIED), so
 * nobody can route another organisation's mailboxes to this tenant. A tenant that cannot be read yet
 * (no consent) is stored as `unreadable`, and remediations for it are refused until a later PUT can read it.
 */
export async function applyTenant(desired: DesiredTenant, deps: { registry: Pick<TenantRegistry, "put">; readVerifiedDomains: VerifiedDomainsReader }, now: Date): Promise<{ tenant: OnboardedTenant; created: boolean }> {
  const verification = await verifyDomains(desired.tenantId, desired.domains, deps.readVerifiedDomains, now);
  return deps.registry.put({ ...desired, verification }, now);
}

/** PUT /api/tenants/{tenantId} without the policy's second person: for tools and tests that seed tenants directly. */
export async function onboardTenant(
  tenantId: string,
  body: unknown,
  deps: { registry: TenantRegistry; readVerifiedDomains: VerifiedDomainsReader },
  now: Date,
): Promise<{ tenant: OnboardedTenant; created: boolean }> {
  const applied = await applyTenant(parseTenantPut(tenantId, body), deps, now);
  throwIfConsentIncomplete(applied.tenant);
  return applied;
}

/**
 * Consent given without a permission onboarding needs: the tenant is kept (it shows as unreadable,
 * its remediations refused), but the answer to the PUT is this error, naming the permission.
 */
export function throwIfConsentIncomplete(tenant: OnboardedTenant): void {
  const verification = tenant.verification;
  if (verification?.status !== "unreadable" || !verification.missingPermission) return;
  const missing = verification.missingPermission;
  throw new AppError("CONSENT_INCOMPLETE", `Tenant ${tenant.tenantId} could not be read: the app's consent there lacks ${missing}. It is kept as unreadable and takes no remediations; grant ${missing} (admin consent in the tenant), then PUT the tenant again.`, {
    details: { missingPermission: missing, tenant },
  });
}

/** Checks the domains against the tenant's verified ones: throws 400 for a foreign one; `unreadable` when the tenant cannot be read. */
export async function verifyDomains(tenantId: string, domains: string[], read: VerifiedDomainsReader, now: Date): Promise<TenantVerification> {
  let verified: string[];
  try {
    verified = (await read(tenantId)).map((d) => d.toLowerCase());
  } catch (e) {
    const reason = `The tenant's verified domains could not be read (${e instanceof Error ? e.message : String(e)}); remediations for it are refused until it can be read. Grant the app consent in the tenant, then PUT the tenant again.`;
    const missingPermission = e instanceof M365Error && e.kind === "permanent" ? e.permission : undefined;
    return { status: "unreadable", checkedAt: now.toISOString(), reason, ...(missingPermission ? { missingPermission } : {}) };
  }
  const foreign = domains.filter((d) => !verified.includes(d));
  if (foreign.length > 0) {
    throw new AppError("DOMAIN_NOT_VERIFIED", `Tenant ${tenantId} has not verified ${foreign.join(", ")} (its verified domains: ${verified.join(", ") || "none"}).`, { details: { notVerified: foreign } });
  }
  return { status: "verified", checkedAt: now.toISOString() };
}
