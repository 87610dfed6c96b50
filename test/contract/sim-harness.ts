import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startSimulator } from "../../dev/sim/start-simulator";
import type { RunningSimulator } from "../../dev/sim/start-simulator";
import { createM365GatewayFactory } from "../../shared/m365/gateway-factory";
import type { M365GatewayFactoryOptions, M365Settings } from "../../shared/m365/gateway-factory";
import type { M365GatewayFactory, TenantGateways } from "../../shared/m365/m365-gateway";
import { simCertDir } from "./sim-cert-dir";

/** One entry of the simulator's timestamped call log. */
export interface SimCall {
  at: string;
  operation: string;
  status: number;
  tenantId: string | null;
  /** On a 429: the Retry-After the simulator sent, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * A simulator of this test file's own (faults are simulator-wide, so files must not share one),
 * served with the certificate the worker already trusts through NODE_EXTRA_CA_CERTS.
 */
export class ContractSim {
  private constructor(readonly sim: RunningSimulator) {}

  static async start(): Promise<ContractSim> {
    const certDir = simCertDir();
    if (!certDir) throw new Error("No trusted simulator certificate: run with --config test/contract/vitest.contract.config.ts");
    return new ContractSim(await startSimulator({ port: 0, smtpPort: 0, certDir }));
  }

  get baseUrl(): string {
    return this.sim.baseUrl;
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  /** Settings that point the production clients at this simulator. */
  settings(over: Partial<M365Settings> = {}): M365Settings {
    return {
      M365_AUTHORITY_HOST: this.baseUrl,
      GRAPH_BASE_URL: this.baseUrl,
      EXCHANGE_BASE_URL: this.baseUrl,
      M365_CLIENT_ID: "sim-client",
      M365_CLIENT_SECRET: "sim-secret",
      M365_TIMEOUT_MS: 10_000,
      ...over,
    };
  }

  /** Production gateways for a tenant of this simulator. */
  gateways(tenantId: string, options: M365GatewayFactoryOptions = {}, over: Partial<M365Settings> = {}): TenantGateways {
    return this.factory(options, over).forTenant(tenantId);
  }

  /** A production gateway factory pointed at this simulator (one per process in production). */
  factory(options: M365GatewayFactoryOptions = {}, over: Partial<M365Settings> = {}): M365GatewayFactory {
    return createM365GatewayFactory(this.settings(over), options);
  }

  /** Creates a tenant with a fresh id and `mailboxes` generated mailboxes. */
  async createTenant(body: Record<string, unknown> = {}): Promise<{ tenantId: string; domain: string }> {
    const tenantId = randomUUID();
    const domain = `t${tenantId.slice(0, 8)}.example.com`;
    await this.control("POST", "/_sim/tenants", { tenantId, domain, ...body });
    return { tenantId, domain };
  }

  /** Calls the control API; throws on a non-2xx answer. */
  control<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
    return simControl<T>(this.baseUrl, method, route, body);
  }

  /** The timestamped calls made for one tenant, oldest first. */
  async callLog(tenantId: string): Promise<SimCall[]> {
    const reply = await this.control<{ log: SimCall[] }>("GET", `/_sim/calls?log=1&tenantId=${encodeURIComponent(tenantId)}`);
    return reply.log;
  }
}

/**
 * Starts this file's simulator before its tests, clears faults before each test, and closes it after;
 * returns a getter for the running simulator.
 */
export function useContractSim(): () => ContractSim {
  let sim: ContractSim | undefined;
  beforeAll(async () => {
    sim = await ContractSim.start();
  });
  afterAll(async () => sim?.close());
  beforeEach(async () => {
    await sim!.control("PUT", "/_sim/faults", {});
  });
  return () => {
    if (!sim) throw new Error("The contract simulator is not running yet.");
    return sim;
  };
}

/** Reads every page of a paged listing: the page sizes and the distinct keys seen. */
export async function collectPages<T>(pages: AsyncIterable<T[]>, key: (item: T) => string): Promise<{ sizes: number[]; keys: Set<string> }> {
  const sizes: number[] = [];
  const keys = new Set<string>();
  for await (const page of pages) {
    sizes.push(page.length);
    for (const item of page) keys.add(key(item));
  }
  return { sizes, keys };
}

/** Calls a simulator's control API (trusted through NODE_EXTRA_CA_CERTS); throws on a non-2xx answer. */
export async function simControl<T = unknown>(baseUrl: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
