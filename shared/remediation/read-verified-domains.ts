import type { M365GatewayFactory } from "../m365/m365-gateway";
import type { VerifiedDomainsReader } from "./onboard-tenant";

/** Onboarding answers a person at a keyboard: a tenant that has not answered by then counts as unreadable. */
export const VERIFY_DOMAINS_TIMEOUT_MS = 20_000;

/** Reads a tenant's verified domains through its Graph gateway, within a time limit. */
export function verifiedDomainsReader(gateways: M365GatewayFactory, timeoutMs = VERIFY_DOMAINS_TIMEOUT_MS): VerifiedDomainsReader {
  return async (tenantId) => {
    const graph = gateways.forTenant(tenantId).graph;
    if (!graph.getVerifiedDomains) throw new Error("this Graph gateway cannot read verified domains");
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      return await Promise.race([graph.getVerifiedDomains(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
