import type { Settings } from "../config/settings";
import type { CallPolicyOptions } from "./call-policy";
import { createTenantCredentials } from "./credentials";
import type { TenantCredentials } from "./credentials";
import { InvokeCommandExchangeGateway } from "./exchange-gateway";
import { ExchangeInvoker } from "./exchange-invoker";
import { createGraphClient } from "./graph-client";
import { SdkGraphGateway } from "./graph-gateway";
import { GraphRequester } from "./graph-requester";
import type { M365GatewayFactory, TenantGateways } from "./m365-gateway";

/** The settings the production gateways read. */
export type M365Settings = Pick<
  Settings,
  "M365_AUTHORITY_HOST" | "M365_CLIENT_ID" | "M365_CLIENT_SECRET" | "GRAPH_BASE_URL" | "EXCHANGE_BASE_URL" | "M365_TIMEOUT_MS"
>;

/** Seams for tests and tools; production passes none. */
export interface M365GatewayFactoryOptions {
  /** Replaces global fetch for Graph and Exchange calls (not for token requests). */
  fetch?: typeof fetch;
  /** Credentials to use instead of those built from settings. */
  credentials?: TenantCredentials;
  /** Clock and sleep for the retry rules, plus their bounds. */
  policy?: CallPolicyOptions;
}

/** Builds Graph and Exchange gateways per tenant from settings; credentials are cached per tenant. */
export function createM365GatewayFactory(settings: M365Settings, options: M365GatewayFactoryOptions = {}): M365GatewayFactory {
  const credentials = options.credentials ?? createTenantCredentials(settings);
  return {
    forTenant(tenantId: string): TenantGateways {
      const credential = credentials.forTenant(tenantId);
      const client = createGraphClient({
        credential,
        baseUrl: settings.GRAPH_BASE_URL,
        timeoutMs: settings.M365_TIMEOUT_MS,
        fetch: options.fetch,
      });
      const requester = new GraphRequester(client, options.policy);
      const invoker = new ExchangeInvoker({
        baseUrl: settings.EXCHANGE_BASE_URL,
        tenantId,
        credential,
        timeoutMs: settings.M365_TIMEOUT_MS,
        fetch: options.fetch,
        policy: options.policy,
      });
      return {
        tenantId,
        graph: new SdkGraphGateway(requester, { sleep: options.policy?.sleep }),
        exchange: new InvokeCommandExchangeGateway(invoker),
      };
    },
  };
}
