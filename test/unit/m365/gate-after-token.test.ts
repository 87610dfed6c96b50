import type { TokenCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { createM365GatewayFactory } from "../../../shared/m365/gateway-factory";
import type { TenantGateways } from "../../../shared/m365/m365-gateway";
import { fakeFetch, json } from "./fake-fetch";

const BASE = "https://127.0.0.1:7080";
const settings = { M365_AUTHORITY_HOST: BASE, GRAPH_BASE_URL: BASE, EXCHANGE_BASE_URL: BASE, M365_CLIENT_ID: "sim-client", M365_CLIENT_SECRET: "sim-secret", M365_TIMEOUT_MS: 5_000 };

/** Two reads of one service: the first is answered 429, the second is still fetching its token then. */
const services: Array<[string, (g: TenantGateways) => Promise<unknown>, (g: TenantGateways) => Promise<unknown>]> = [
  ["graph", (g) => g.graph.getSecurityDefaultsEnabled(), (g) => g.graph.listConditionalAccessPolicies()],
  ["exchange", (g) => g.exchange.getOrgSmtpAuthDisabled(), (g) => g.exchange.listRoleGroups()],
];

describe("a call that passed the throttle gate before its token came", () => {
  it.each(services)("%s: is not sent when a 429 read meanwhile closed the gate", async (_service, first, second) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asks = 0;
    // The first call gets its token at once; the second call's token comes only when released.
    const credential: TokenCredential = {
      async getToken() {
        asks += 1;
        if (asks === 2) await held;
        return { token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    let secondCall: Promise<unknown> | undefined;
    const fake = fakeFetch(async () => {
      // While the first call is with Microsoft, the second passes the gate and waits for its token.
      secondCall ??= second(gateways.forTenant("t1")).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 20));
      return json(429, { error: { code: "TooManyRequests", message: "Too many requests." } }, { "Retry-After": "60" });
    });
    const gateways = createM365GatewayFactory(settings, { fetch: fake.fetch, credentials: { forTenant: () => credential }, policy: { now: () => 0, sleep: async () => {} } });

    await expect(first(gateways.forTenant("t1"))).rejects.toMatchObject({ kind: "throttled", status: 429 });
    expect(asks).toBe(2);
    release();
    expect(await secondCall).toMatchObject({ kind: "throttled", code: "TenantThrottled" });
    expect(fake.seen).toHaveLength(1);
  });
});
