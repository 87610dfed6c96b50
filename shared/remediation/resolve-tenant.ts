import { AppError } from "../errors/app-error";
import type { OnboardedTenant, TenantRegistry } from "../store/tenant-registry";

/**
 * The tenant a request is for: the one named, else the one onboarded tenant that owns the mailbox's
 * domain. Only a tenant whose domains were verified against the tenant itself takes requests.
 */
export async function resolveTenant(tenantId: string | undefined, mailbox: string, tenants: TenantRegistry): Promise<OnboardedTenant> {
  const tenant = await findTenant(tenantId, mailbox, tenants);
  if (tenant.verification?.status !== "verified") {
    const why = tenant.verification?.status === "unreadable" ? tenant.verification.reason : "Its domains were never checked against the tenant; PUT the tenant again.";
    throw new AppError("TENANT_NOT_VERIFIED", `Tenant ${tenant.tenantId} takes no remediations yet. ${why}`);
  }
  return tenant;
}

async function findTenant(tenantId: string | undefined, mailbox: string, tenants: TenantRegistry): Promise<OnboardedTenant> {
  if (tenantId) {
    const tenant = await tenants.get(tenantId);
    if (!tenant) throw new AppError("TENANT_NOT_FOUND", `Tenant ${tenantId} is not onboarded. Onboard it with PUT /api/tenants/${tenantId}.`);
    return tenant;
  }
  const domain = mailbox.slice(mailbox.lastIndexOf("@") + 1);
  const matches = await tenants.findByDomain(domain);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) throw new AppError("TENANT_AMBIGUOUS", `The domain ${domain} belongs to ${matches.length} onboarded tenants; name the tenantId.`);
  throw new AppError("TENANT_NOT_FOUND", `No onboarded tenant owns the domain ${domain}. Name the tenantId or onboard the tenant.`);
}

