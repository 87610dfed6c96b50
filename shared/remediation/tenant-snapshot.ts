import type { OnboardedTenant } from "../store/tenant-registry";
import type { DesiredTenant } from "./onboard-tenant";

/** What a person sets on a tenant (no timestamps or verification), as events and policy changes keep it. */
export function tenantSnapshot(tenant: OnboardedTenant | DesiredTenant): DesiredTenant {
  return { tenantId: tenant.tenantId, displayName: tenant.displayName, domains: [...tenant.domains], policy: tenant.policy, access: tenant.access ?? "read-write" };
}

/** Whether two snapshots set the same things, whatever their keys' order. */
export function sameSnapshot(a: DesiredTenant, b: DesiredTenant): boolean {
  return canonical(tenantSnapshot(a)) === canonical(tenantSnapshot(b));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
