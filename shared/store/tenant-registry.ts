import type { TableClient } from "@azure/data-tables";
import { RestError } from "@azure/data-tables";
import { resolveTenantPolicy } from "../domain/tenant-policy";
import type { TenantAccess, TenantPolicy } from "../domain/types";
import type { RecordSeals } from "./record-seals";
import { openTable, TABLES, toTableKey } from "./table-client";

const PARTITION = "tenant";

/** A tenant the product may act on and audits every night. */
export interface OnboardedTenant {
  tenantId: string;
  displayName: string;
  domains: string[];
  policy: TenantPolicy;
  access: TenantAccess;
  /** Whether onboarding could read the tenant and found every domain verified there; absent = never checked. */
  verification?: TenantVerification;
  onboardedAt: string;
  updatedAt: string;
  /** Present when the stored row failed its integrity seal: its policy is not trusted and nothing runs alone. */
  seal?: BrokenSeal;
}

/** A record edited outside the app (or unsealed after RECORD_SEALS_SINCE): refused, with why. */
export interface BrokenSeal {
  status: "broken";
  reason: string;
}

/**
 * What onboarding found when it read the tenant's verified domains: `verified` (every domain is the
 * tenant's), or `unreadable` (no consent yet, or Microsoft 365 did not answer) with the reason.
 */
export type TenantVerification =
  | { status: "verified"; checkedAt: string }
  /** `missingPermission`: the read was refused for a permission the tenant's consent lacks (named by Graph's 403). */
  | { status: "unreadable"; checkedAt: string; reason: string; missingPermission?: string };

/** What onboarding writes; access left out is read-write. */
export type TenantInput = Omit<OnboardedTenant, "onboardedAt" | "updatedAt" | "access" | "seal"> & { access?: TenantAccess };

/** The sealed fields of a tenant row, exactly as stored. */
const SEALED_FIELDS = ["tenantId", "displayName", "domains", "policy", "access", "verification", "onboardedAt", "updatedAt"] as const;

/** Onboarded tenants. Few per installation, so domain lookups read them all. */
export class TenantRegistry {
  private constructor(
    private readonly table: TableClient,
    private readonly seals: RecordSeals | undefined,
  ) {}

  /** With `seals` every row is sealed on write and checked on read (the app always passes them). */
  static async open(connectionString: string, seals?: RecordSeals): Promise<TenantRegistry> {
    return new TenantRegistry(await openTable(connectionString, TABLES.tenants), seals);
  }

  async put(tenant: TenantInput, now: Date): Promise<{ tenant: OnboardedTenant; created: boolean }> {
    const existing = await this.get(tenant.tenantId);
    const { seal: _drop, ...input } = tenant as TenantInput & { seal?: BrokenSeal };
    void _drop;
    const stored: OnboardedTenant = {
      ...input,
      access: tenant.access ?? "read-write",
      domains: [...new Set(tenant.domains.map((d) => d.toLowerCase()))],
      onboardedAt: existing?.onboardedAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const fields = {
      tenantId: stored.tenantId,
      displayName: stored.displayName,
      domains: JSON.stringify(stored.domains),
      policy: JSON.stringify(stored.policy),
      access: stored.access,
      verification: stored.verification ? JSON.stringify(stored.verification) : undefined,
      onboardedAt: stored.onboardedAt,
      updatedAt: stored.updatedAt,
    };
    await this.table.upsertEntity({ partitionKey: PARTITION, rowKey: toTableKey(tenant.tenantId), ...fields, seal: this.seals?.seal("tenant", stored.tenantId, fields) }, "Replace");
    return { tenant: stored, created: !existing };
  }

  async get(tenantId: string): Promise<OnboardedTenant | null> {
    try {
      return this.fromEntity(await this.table.getEntity<Record<string, unknown>>(PARTITION, toTableKey(tenantId)));
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return null;
      throw e;
    }
  }

  async list(): Promise<OnboardedTenant[]> {
    const tenants: OnboardedTenant[] = [];
    const filter = `PartitionKey eq '${PARTITION}'`;
    for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) tenants.push(this.fromEntity(e));
    return tenants.sort((a, b) => a.tenantId.localeCompare(b.tenantId));
  }

  /** Removes a tenant (offboarding); its requests, trail and exceptions stay where they are. True when it was there. */
  async remove(tenantId: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(PARTITION, toTableKey(tenantId));
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return false;
      throw e;
    }
  }

  /** Tenants owning the mailbox's domain (zero, one, or — misconfigured — several). */
  async findByDomain(domain: string): Promise<OnboardedTenant[]> {
    const wanted = domain.toLowerCase();
    return (await this.list()).filter((t) => t.domains.includes(wanted));
  }

  private fromEntity(e: Record<string, unknown>): OnboardedTenant {
    const tenant = fromEntity(e);
    if (!this.seals) return tenant;
    const fields = Object.fromEntries(SEALED_FIELDS.map((f) => [f, e[f]]));
    const check = this.seals.check("tenant", String(e.tenantId), fields, e.seal, typeof e.timestamp === "string" ? e.timestamp : undefined);
    return check.ok ? tenant : { ...tenant, seal: { status: "broken", reason: `The tenant's stored policy cannot be trusted: ${check.reason}.` } };
  }
}

function fromEntity(e: Record<string, unknown>): OnboardedTenant {
  return {
    tenantId: String(e.tenantId),
    displayName: String(e.displayName ?? e.tenantId),
    domains: JSON.parse(String(e.domains ?? "[]")) as string[],
    policy: resolveTenantPolicy(JSON.parse(String(e.policy ?? "{}")) as Partial<TenantPolicy>),
    // Tenants stored before access existed were onboarded with write access.
    access: e.access === "read-only" ? "read-only" : "read-write",
    ...(typeof e.verification === "string" ? { verification: JSON.parse(e.verification) as TenantVerification } : {}),
    onboardedAt: String(e.onboardedAt),
    updatedAt: String(e.updatedAt),
  };
}
