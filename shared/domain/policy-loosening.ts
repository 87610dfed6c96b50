import type { TenantPolicy } from "./types";

/** The policy fields whose change can let more run without a person, or let more people act. */
export type Loosening = "autoApprove" | "allowTenantWideChanges" | "maxAutomaticPerDay" | "approvalHours" | "deviceAccounts" | "protectedAccounts" | "operatorGroups";

const lower = (values: readonly string[]): Set<string> => new Set(values.map((v) => v.toLowerCase()));
const adds = (before: readonly string[], after: readonly string[]): boolean => {
  const had = lower(before);
  return after.some((v) => !had.has(v.toLowerCase()));
};

/**
 * What a policy change loosens, field by field, without I/O: a step added to `autoApprove`,
 * tenant-wide changes turned on, a higher daily count or a longer approval window, a device pattern
 * added, a protected pattern removed, or operator groups removed or changed (none at all means every
 * operator; going from none to some only narrows). Empty = the change only tightens or keeps.
 */
export function looseningsOf(before: TenantPolicy, after: TenantPolicy): Loosening[] {
  const found: Loosening[] = [];
  if (adds(before.autoApprove, after.autoApprove)) found.push("autoApprove");
  if (!before.allowTenantWideChanges && after.allowTenantWideChanges) found.push("allowTenantWideChanges");
  if (after.maxAutomaticPerDay > before.maxAutomaticPerDay) found.push("maxAutomaticPerDay");
  if (after.approvalHours > before.approvalHours) found.push("approvalHours");
  if (adds(before.deviceAccounts, after.deviceAccounts)) found.push("deviceAccounts");
  if (adds(after.protectedAccounts, before.protectedAccounts)) found.push("protectedAccounts");
  if (before.operatorGroups.length > 0 && (adds(before.operatorGroups, after.operatorGroups) || adds(after.operatorGroups, before.operatorGroups))) found.push("operatorGroups");
  return found;
}
