import type { TenantPolicy } from "./types";

export const DEFAULT_TENANT_POLICY: TenantPolicy = {
  allowTenantWideChanges: false,
  exceptionDays: 180,
  locale: "en",
  autoRevertExpired: false,
  autoApprove: ["enable-mailbox-smtp-auth"],
  deviceAccounts: [],
  protectedAccounts: [],
  maxAutomaticPerDay: 25,
  approvalHours: 72,
  operatorGroups: [],
};

/** Fills the fields a tenant left out with the safe defaults. */
export function resolveTenantPolicy(partial: Partial<TenantPolicy> | undefined): TenantPolicy {
  return { ...DEFAULT_TENANT_POLICY, ...(partial ?? {}) };
}
