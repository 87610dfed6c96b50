import { ConcurrencyLimit } from "../queue/concurrency-limit";

/** Tenant audits one worker process runs at once unless AUDIT_CONCURRENCY says otherwise. */
export const DEFAULT_AUDIT_CONCURRENCY = 32;

/**
 * Bounds the estate's audits in one process: at most `limit` tenants at once (each holds one page of
 * its mailbox listing in memory), and one audit per tenant (an "audit now" beside the nightly one
 * waits for it), so a tenant never sees two audits' reads at once. Per call, the tenant's
 * per-service throttle gates still hold every call until a Retry-After has passed.
 */
export class AuditSlots {
  private readonly estate: ConcurrencyLimit;
  /** Each tenant's last audit in line; the next one for the tenant starts after it settles. */
  private readonly lastOf = new Map<string, Promise<void>>();

  constructor(readonly limit = DEFAULT_AUDIT_CONCURRENCY) {
    this.estate = new ConcurrencyLimit(limit);
  }

  /** Runs one tenant's audit once the tenant's previous audit is done and a place is free. */
  run<T>(tenantId: string, audit: () => Promise<T>): Promise<T> {
    // Tenant ids are GUIDs or domains, case-insensitive in Entra.
    const key = tenantId.toLowerCase();
    const before = this.lastOf.get(key) ?? Promise.resolve();
    // The tenant's turn comes first, so a waiting audit holds no place another tenant could use.
    const result = before.then(() => this.estate.run(audit));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.lastOf.set(key, settled);
    void settled.then(() => {
      if (this.lastOf.get(key) === settled) this.lastOf.delete(key);
    });
    return result;
  }
}
