import type { LocalStack } from "../dev/local-stack";

/** One customer tenant of the simulated estate. */
export interface EstateTenant {
  tenantId: string;
  domain: string;
}

/** A tenant's latest audit as `GET /api/audits?latest=true` lists it. */
interface OverviewLine {
  tenantId: string;
  latest: { runId: string; completedAt: string; summary: { mailboxes: number | null; unknown: number } } | null;
}

/** Where each tenant's audit stands: done (with its run), or not yet. */
export interface EstateProgress {
  done: number;
  total: number;
  /** The latest completed audit of each tenant that has one. */
  audited: Map<string, NonNullable<OverviewLine["latest"]>>;
}

/**
 * T simulated tenants of M generated mailboxes each (SMTP AUTH off by the organisation flag, security
 * defaults off), each onboarded through `PUT /api/tenants/{id}`, `parallel` at a time.
 */
export async function seedEstate(stack: LocalStack, tenants: number, mailboxes: number, parallel = 8): Promise<EstateTenant[]> {
  const estate = Array.from({ length: tenants }, (_, t) => {
    const n = String(t + 1).padStart(4, "0");
    return { tenantId: `estate-${n}`, domain: `estate${n}.example` };
  });
  const seed = async (tenant: EstateTenant): Promise<void> => {
    const created = await stack.simApi("/_sim/tenants", { method: "POST", body: { ...tenant, mailboxes, securityDefaults: false, orgSmtpAuthDisabled: true } });
    if (created.status >= 300) throw new Error(`creating ${tenant.tenantId} in the simulator answered ${created.status}`);
    const onboarded = await stack.api(`/api/tenants/${tenant.tenantId}`, { method: "PUT", body: { domains: [tenant.domain] } });
    if (onboarded.status >= 300) throw new Error(`onboarding ${tenant.tenantId} answered ${onboarded.status}: ${JSON.stringify(onboarded.body)}`);
  };
  for (let i = 0; i < estate.length; i += parallel) await Promise.all(estate.slice(i, i + parallel).map(seed));
  return estate;
}

/** Runs the nightly timer now, as Azure's admin endpoint does (`POST /admin/functions/nightlyAudit`). */
export async function runNightlyAudit(stack: LocalStack): Promise<void> {
  const started = await stack.adminApi("/admin/functions/nightlyAudit", { method: "POST", body: { input: "" } });
  if (started.status !== 202) throw new Error(`nightlyAudit answered ${started.status}: ${JSON.stringify(started.body)}`);
}

/** Polls the audit overview until every tenant has a completed audit or the deadline passes. */
export async function waitForEstateAudits(
  stack: LocalStack,
  tenants: readonly EstateTenant[],
  deadline: number,
  onProgress: (progress: EstateProgress) => void = () => {},
  pollMs = 2_000,
): Promise<EstateProgress> {
  const wanted = new Set(tenants.map((t) => t.tenantId));
  for (;;) {
    const res = await stack.api<{ tenants: OverviewLine[] }>("/api/audits?latest=true").catch(() => undefined);
    const audited = new Map<string, NonNullable<OverviewLine["latest"]>>();
    for (const line of res?.status === 200 ? res.body.tenants : []) if (line.latest && wanted.has(line.tenantId)) audited.set(line.tenantId, line.latest);
    const progress = { done: audited.size, total: wanted.size, audited };
    onProgress(progress);
    if (progress.done === progress.total || Date.now() > deadline) return progress;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
