import type { CasMailbox, ExchangeGateway, TenantGateways } from "../m365/m365-gateway";

/**
 * The gateways for one attempt's checks, where the step's value read and the account check both ask
 * Exchange for the same mailbox: one Get-CASMailbox goes out and both get its answer (or its failure).
 * Only for the reads before a write; the read-back after it must see Exchange anew.
 */
export function withSharedMailboxRead(gw: TenantGateways): TenantGateways {
  const reads = new Map<string, Promise<CasMailbox | null>>();
  const getCasMailbox = (identity: string): Promise<CasMailbox | null> => {
    const key = identity.toLowerCase();
    const read = reads.get(key) ?? gw.exchange.getCasMailbox(identity);
    reads.set(key, read);
    return read;
  };
  // A Proxy keeps every other method of the gateway (a class instance) bound to it as it is.
  const exchange = new Proxy(gw.exchange, {
    get: (target, property) => {
      if (property === "getCasMailbox") return getCasMailbox;
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as ExchangeGateway;
  return { ...gw, exchange };
}
