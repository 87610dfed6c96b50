import { ClientSecretCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractSim } from "./sim-harness";

let sim: ContractSim;
beforeAll(async () => {
  sim = await ContractSim.start();
});
afterAll(async () => sim?.close());

describe("identity against the simulator", () => {
  it("gets a Graph token from the simulator with @azure/identity's ClientSecretCredential", async () => {
    const { tenantId } = await sim.createTenant();
    const credential = new ClientSecretCredential(tenantId, "sim-client", "sim-secret", {
      authorityHost: sim.baseUrl,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken("https://graph.microsoft.com/.default");
    expect(token.token.split(".")).toHaveLength(3);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 60_000);
  });

  it("refuses a wrong secret, and the gateway reports it as a permanent identity error", async () => {
    const { tenantId } = await sim.createTenant();
    const gw = sim.gateways(tenantId, {}, { M365_CLIENT_SECRET: "not-the-secret" });
    const error = await gw.graph.getSecurityDefaultsEnabled().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "M365Error", kind: "permanent", service: "identity" });
    expect(String((error as Error).message)).not.toContain("not-the-secret");
    await expect(gw.exchange.getOrgSmtpAuthDisabled()).rejects.toMatchObject({ kind: "permanent", service: "identity" });
  });

  it("asks the authority once per scope when many calls to a new tenant start together", async () => {
    const { tenantId } = await sim.createTenant();
    await sim.control("DELETE", "/_sim/calls");
    const gateways = sim.factory();
    await Promise.all(
      Array.from({ length: 10 }, () => {
        const gw = gateways.forTenant(tenantId);
        return Promise.all([gw.graph.getSecurityDefaultsEnabled(), gw.exchange.getOrgSmtpAuthDisabled()]);
      }),
    );
    const tokenCalls = (await sim.callLog(tenantId)).filter((c) => c.operation.includes("oauth2/v2.0/token"));
    // One Graph token and one Exchange token for twenty concurrent calls.
    expect(tokenCalls).toHaveLength(2);
  });
});
