import { moduleFor } from "./systems";
import { verifySignature } from "./verify-signature";
import type { TicketSystem } from "../domain/types";
import type { LowerCaseHeaders } from "./signing";
import type { TicketConnection } from "./systems";

/** Where a delivery's secrets come from: the system's app setting, or the tenant endpoint's own store. */
export interface DeliverySecrets {
  /** WEBHOOK_SECRET_<SYSTEM> by lower-case system, for the bare route (single-tenant setups). */
  secrets: Record<string, string>;
  /** A tenant endpoint's tenant and its secrets valid now (two during a rotation's overlap); undefined when unknown. */
  tenantSecrets?(tenantKey: string, system: TicketSystem): Promise<{ tenantId: string; secrets: string[] } | undefined>;
  /** Systems whose deliveries must be signed: a bearer copy of the signing secret is refused. */
  hmacRequired?: ReadonlySet<string>;
  now: () => Date;
  /**
   * The connection to the system: the tenant's own on its endpoint, the app-wide one (settings) on the
   * bare route. A vendor-issued signing key (ConnectWise) is fetched only from its host.
   */
  connectionFor?(tenantId: string | undefined, system: TicketSystem): Promise<TicketConnection | undefined>;
  /** For fetching vendor signing keys; the global fetch unless a test brings its own. */
  fetchImpl?: typeof fetch;
}

/** Who a delivery proved to be: any tenant (bare route) or one tenant, with its connection; or nobody. */
export type DeliveryIdentity = { ok: true; tenantId?: string; connection?: TicketConnection } | { ok: false };

/**
 * Checks a delivery against the secrets its route allows. An unknown tenant key and a wrong secret
 * look the same (401), so tenant keys cannot be probed; each candidate is compared in constant time.
 * A system whose key comes from the vendor (ConnectWise) needs the endpoint open (its secret issued,
 * or on the bare route its app setting) and a signature under the key its connection's host hands out.
 */
export async function authenticateDelivery(
  system: TicketSystem,
  tenantKey: string | undefined,
  rawBody: string,
  headers: LowerCaseHeaders,
  deps: DeliverySecrets,
): Promise<DeliveryIdentity> {
  const tenant = tenantKey === undefined ? undefined : await deps.tenantSecrets?.(tenantKey, system);
  if (tenantKey !== undefined && !tenant) return { ok: false };
  const module = moduleFor(system);
  let candidates = tenant ? tenant.secrets : [deps.secrets[system]];
  let connection: TicketConnection | undefined;
  if (module.signingKey) {
    if (!candidates.some(Boolean)) return { ok: false };
    connection = await deps.connectionFor?.(tenant?.tenantId, system);
    candidates = [await module.signingKey(rawBody, connection, deps.fetchImpl ?? fetch)];
  }
  const now = deps.now();
  const hmacOnly = deps.hmacRequired?.has(system) ?? false;
  // Every candidate is checked, matched or not, so the time taken says nothing about which one matched.
  const matched = candidates.map((secret) => verifySignature({ system, rawBody, headers, secret, now, hmacOnly })).some(Boolean);
  if (!matched) return { ok: false };
  connection ??= await deps.connectionFor?.(tenant?.tenantId, system);
  return { ok: true, ...(tenant ? { tenantId: tenant.tenantId } : {}), ...(connection ? { connection } : {}) };
}
