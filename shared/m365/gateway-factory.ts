import type { Settings } from "../config/settings";
import type { CallPolicyOptions } from "./call-policy";
import { createTenantCredentials } from "./credentials";
import type { CredentialSettings, TenantCredentials } from "./credentials";
import { InvokeCommandExchangeGateway } from "./exchange-gateway";
import { ExchangeInvoker } from "./exchange-invoker";
import { createGraphClient } from "./graph-client";
import { SdkGraphGateway } from "./graph-gateway";
import { GraphRequester } from "./graph-requester";
import { ThrottleGates } from "./throttle-gate";
import type { M365GatewayFactory, TenantGateways } from "./m365-gateway";

/** The settings the production gateways read. */
export type M365Settings = CredentialSettings & Pick<Settings, "GRAPH_BASE_URL" | "EXCHANGE_BASE_URL" | "M365_TIMEOUT_MS">;

/** Seams for tests and tools; production passes none. */
export interface M365GatewayFactoryOptions {
  /** Replaces global fetch for Graph and Exchange calls (not for token requests). */
  fetch?: typeof fetch;
  /** Credentials to use instead of those built from settings. */
  credentials?: TenantCredentials;
  /** Clock and sleep for the retry rules, plus their bounds. */
  policy?: CallPolicyOptions;
}

/**
 * Builds Graph and Exchange gateways per tenant from settings, once per tenant: the worker asks per
 * stage, and the tenant's credential, clients and throttle gates (one for Graph, one for Exchange,
 * separate services with separate limits) must outlive any one stage.
 */
export function createM365GatewayFactory(settings: M365Settings, options: M365GatewayFactoryOptions = {}): M365GatewayFactory {
  const credentials = options.credentials ?? createTenantCredentials(settings);
  const gates = new ThrottleGates({ now: options.policy?.now, sleep: options.policy?.sleep, maxWaitMs: options.policy?.maxWaitMs });
  const built = new Map<string, TenantGateways>();
  const build = (tenantId: string): TenantGateways => {
    const credential = credentials.forTenant(tenantId);
    const client = createGraphClient({
      credential,
      baseUrl: settings.GRAPH_BASE_URL,
      timeoutMs: settings.M365_TIMEOUT_MS,
      fetch: options.fetch,
      gate: gates.for(tenantId, "graph"),
    });
    const requester = new GraphRequester(client, { ...options.policy, gate: gates.for(tenantId, "graph") });
    const invoker = new ExchangeInvoker({
      baseUrl: settings.EXCHANGE_BASE_URL,
      tenantId,
      credential,
      timeoutMs: settings.M365_TIMEOUT_MS,
      fetch: options.fetch,
      policy: { ...options.policy, gate: gates.for(tenantId, "exchange") },
    });
    return {
      tenantId,
      graph: new SdkGraphGateway(requester, { sleep: options.policy?.sleep }),
      exchange: new InvokeCommandExchangeGateway(invoker),
    };
  };
  return {
    forTenant(tenantId: string): TenantGateways {
      let gateways = built.get(tenantId);
      if (!gateways) {
        gateways = build(tenantId);
        built.set(tenantId, gateways);
      }
      return gateways;
    },
  };
}
