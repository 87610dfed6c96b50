import { randomUUID } from "node:crypto";
import type { OperatorRef } from "../auth/operator";
import { looseningsOf } from "../domain/policy-loosening";
import type { PolicyChange, PolicyChangeStore } from "../store/policy-change-store";
import type { TenantEventLog } from "../store/tenant-event-log";
import type { OnboardedTenant, TenantRegistry } from "../store/tenant-registry";
import { applyTenant, parseTenantPut, throwIfConsentIncomplete, verifyDomains, type VerifiedDomainsReader } from "./onboard-tenant";
import { tenantSnapshot } from "./tenant-snapshot";

export interface TenantPutDeps {
  registry: Pick<TenantRegistry, "get" | "put">;
  readVerifiedDomains: VerifiedDomainsReader;
  events: Pick<TenantEventLog, "append">;
  changes: Pick<PolicyChangeStore, "create">;
}

export type TenantPutOutcome = { kind: "applied"; tenant: OnboardedTenant; created: boolean } | { kind: "awaiting-approval"; change: PolicyChange };

/**
 * PUT /api/tenants/{tenantId}, as one person asked it. A first onboarding and a change that only
 * tightens apply at once; a change that loosens the standing policy waits, stored, for another
 * Tenant.Manage holder (approve-policy-change.ts) until the tenant's approvalHours pass. Either way
 * the tenant's events record who asked, and the tenant before and after.
 */
export async function putTenant(tenantId: string, body: unknown, by: OperatorRef, deps: TenantPutDeps, now: Date): Promise<TenantPutOutcome> {
  const desired = parseTenantPut(tenantId, body);
  const existing = await deps.registry.get(desired.tenantId);
  // A stored policy that failed its seal cannot show that a change tightens it: a second person confirms ("seal").
  const loosens = existing ? (existing.seal ? ["seal"] : looseningsOf(existing.policy, desired.policy)) : [];
  const at = now.toISOString();
  if (existing && loosens.length > 0) {
    // Bad domains are refused now, not after a second person has looked.
    await verifyDomains(desired.tenantId, desired.domains, deps.readVerifiedDomains, now);
    const change: PolicyChange = {
      tenantId: existing.tenantId,
      changeId: randomUUID(),
      status: "pending",
      requestedBy: by,
      requestedAt: at,
      expiresAt: new Date(now.getTime() + existing.policy.approvalHours * 3_600_000).toISOString(),
      before: tenantSnapshot(existing),
      after: tenantSnapshot(desired),
      loosens,
    };
    await deps.changes.create(change);
    await deps.events.append({ tenantId: change.tenantId, kind: "policy-change-requested", at, by, before: change.before, after: change.after, changeId: change.changeId, loosens });
    return { kind: "awaiting-approval", change };
  }
  const { tenant, created } = await applyTenant(desired, deps, now);
  await deps.events.append({ tenantId: tenant.tenantId, kind: created ? "tenant-onboarded" : "tenant-changed", at, by, ...(existing ? { before: tenantSnapshot(existing) } : {}), after: tenantSnapshot(tenant) });
  throwIfConsentIncomplete(tenant);
  return { kind: "applied", tenant, created };
}
