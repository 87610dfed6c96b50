import type { OperatorRef } from "../auth/operator";
import { AppError } from "../errors/app-error";
import type { PolicyChange, PolicyChangeStore } from "../store/policy-change-store";
import type { OnboardedTenant } from "../store/tenant-registry";
import { applyTenant } from "./onboard-tenant";
import type { TenantPutDeps } from "./put-tenant";
import { sameSnapshot, tenantSnapshot } from "./tenant-snapshot";

export interface ApprovePolicyChangeDeps extends Omit<TenantPutDeps, "changes"> {
  changes: Pick<PolicyChangeStore, "get" | "settle">;
}

/**
 * POST /api/tenants/{tenantId}/policy-changes/{changeId}/approve: a second Tenant.Manage holder (not
 * its author, compared by oid) applies a pending loosening. A change past the tenant's approvalHours,
 * or about a tenant that has changed since it was asked, expires instead: it would overwrite what
 * others decided since. One decision wins (a conditional write).
 */
export async function approvePolicyChange(tenantId: string, changeId: string, approver: OperatorRef, deps: ApprovePolicyChangeDeps, now: Date): Promise<{ change: PolicyChange; tenant: OnboardedTenant }> {
  const found = await deps.changes.get(tenantId, changeId);
  if (!found) throw new AppError("POLICY_CHANGE_NOT_FOUND", `Tenant ${tenantId} has no policy change ${changeId}.`);
  const { change, etag } = found;
  // Edited outside the app: neither its content nor its author can be believed, so nobody applies it.
  if (found.seal) throw new AppError("RECORD_SEAL_BROKEN", `Policy change ${changeId} is refused: ${found.seal.reason} Ask for the change again.`);
  if (change.requestedBy.oid === approver.oid) {
    throw new AppError("SELF_APPROVAL", "The person who asked for a policy change cannot approve it; another Tenant.Manage holder must.");
  }
  if (change.status !== "pending") throw new AppError("POLICY_CHANGE_NOT_PENDING", `Policy change ${changeId} is ${change.status}.`);
  const at = now.toISOString();
  const current = await deps.registry.get(change.tenantId);
  const why = expiryReason(change, current, now);
  if (why) {
    if (await deps.changes.settle({ ...change, status: "expired", decidedAt: at }, etag)) {
      await deps.events.append({ tenantId: change.tenantId, kind: "policy-change-expired", at, by: approver, requestedBy: change.requestedBy, before: change.before, after: change.after, changeId, loosens: change.loosens });
    }
    throw new AppError("POLICY_CHANGE_NOT_PENDING", `Policy change ${changeId} expired: ${why}. Ask for it again.`);
  }
  const approved: PolicyChange = { ...change, status: "approved", decidedBy: approver, decidedAt: at };
  if (!(await deps.changes.settle(approved, etag))) throw new AppError("POLICY_CHANGE_NOT_PENDING", `Policy change ${changeId} was decided meanwhile.`);
  const { tenant } = await applyTenant(change.after, deps, now);
  await deps.events.append({ tenantId: tenant.tenantId, kind: "policy-change-approved", at, by: approver, requestedBy: change.requestedBy, before: change.before, after: tenantSnapshot(tenant), changeId, loosens: change.loosens });
  return { change: approved, tenant };
}

function expiryReason(change: PolicyChange, current: OnboardedTenant | null, now: Date): string | undefined {
  if (now.getTime() > Date.parse(change.expiresAt)) return `nobody approved it before ${change.expiresAt} (the tenant's approvalHours)`;
  if (!current) return "the tenant is no longer onboarded";
  if (!sameSnapshot(tenantSnapshot(current), change.before)) return "the tenant changed after it was asked for";
  return undefined;
}
