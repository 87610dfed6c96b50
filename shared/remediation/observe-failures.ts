import type { TenantGateways } from "../m365/m365-gateway";

/**
 * Wraps a tenant's gateways so that every error they throw is also remembered. Diagnosis turns a
 * failed read into "unknown" and carries on; this lets the worker see that the failure was
 * transient and try the whole diagnosis again instead of concluding from half the facts.
 */
export function observeFailures(gw: TenantGateways): { gateways: TenantGateways; failures: unknown[] } {
  const failures: unknown[] = [];
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          try {
            const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
            if (result instanceof Promise) {
              return result.catch((e: unknown) => {
                failures.push(e);
                throw e;
              });
            }
            return result;
          } catch (e) {
            failures.push(e);
            throw e;
          }
        };
      },
    });
  return { gateways: { tenantId: gw.tenantId, graph: wrap(gw.graph), exchange: wrap(gw.exchange) }, failures };
}
