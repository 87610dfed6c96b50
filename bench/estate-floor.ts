/** Exchange's documented largest page (`Prefer: odata.maxpagesize=1000`), and the sign-in log's default and largest. */
export const PAGE_SIZE = 1_000;

/**
 * Reads every tenant's audit makes whatever its size (docs/audit.md, "What the audit reads"):
 * Graph security defaults, Conditional Access policies, active and eligible role assignments,
 * role-assignable groups and the SMTP sign-ins of 30 days (one page each: the bench's tenants have
 * fewer than 1,000 of each), and Exchange Get-TransportConfig and Get-RoleGroup. Reads that depend
 * on what a tenant holds (members of groups that hold roles, members of admin role groups with
 * members, per-user MFA of exception subjects) are not made for the bench's tenants, which have none.
 */
export const FIXED_READS_PER_TENANT = 8;

/**
 * The Graph and Exchange calls the nightly audit of an estate cannot avoid: each tenant's fixed
 * reads plus its Get-CASMailbox listing in pages of 1,000 (an empty tenant still takes one page).
 * Tokens are not counted: they are identity calls, not reads of the tenant.
 */
export function auditCallsFloor(tenants: number, mailboxesPerTenant: number): number {
  const pages = Math.max(1, Math.ceil(mailboxesPerTenant / PAGE_SIZE));
  return tenants * (FIXED_READS_PER_TENANT + pages);
}
