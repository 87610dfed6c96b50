import { ClientSecretCredential } from "@azure/identity";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { createTenantCredentials } from "../../shared/m365/credentials";
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

  it("gets customer-tenant tokens with the managed identity's assertion when the app trusts it as a federated credential", async () => {
    const { tenantId } = await sim.createTenant({ federatedSubjects: ["mi-object-id"] });
    const managedIdentity = new FakeManagedIdentity("mi-object-id");
    const credentials = createTenantCredentials(
      { M365_AUTHORITY_HOST: sim.baseUrl, M365_CLIENT_ID: "sim-client", M365_FEDERATED_IDENTITY_CLIENT_ID: "mi-client" },
      { managedIdentity },
    );
    const token = await credentials.forTenant(tenantId).getToken("https://outlook.office365.com/.default");
    expect(token?.token.split(".")).toHaveLength(3);
    expect(managedIdentity.scopes).toEqual(["api://AzureADTokenExchange/.default"]);
    // Through the production gateways too: Graph and Exchange calls succeed with no secret configured.
    const gw = sim.gateways(tenantId, { credentials }, { M365_CLIENT_SECRET: undefined });
    await expect(gw.graph.getSecurityDefaultsEnabled()).resolves.toBe(true);
  });

  it("is refused as Entra refuses it when the app does not trust that identity", async () => {
    const { tenantId } = await sim.createTenant({ federatedSubjects: ["another-identity"] });
    const credentials = createTenantCredentials(
      { M365_AUTHORITY_HOST: sim.baseUrl, M365_CLIENT_ID: "sim-client", M365_FEDERATED_IDENTITY_CLIENT_ID: "mi-client" },
      { managedIdentity: new FakeManagedIdentity("mi-object-id") },
    );
    const gw = sim.gateways(tenantId, { credentials });
    const error = await gw.graph.getSecurityDefaultsEnabled().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "M365Error", kind: "permanent", service: "identity", code: "AADSTS700213" });
  });
});

/** Stands in for the Function App's managed identity: a JWT for the audience asked, with its object id as subject. */
class FakeManagedIdentity implements TokenCredential {
  readonly scopes: string[] = [];
  constructor(private readonly objectId: string) {}

  getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = [scopes].flat()[0] ?? "";
    this.scopes.push(scope);
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString("base64url");
    const claims = { aud: scope.replace(/\/\.default$/, ""), sub: this.objectId, iss: "https://login.microsoftonline.com/home/v2.0" };
    return Promise.resolve({ token: `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2ln`, expiresOnTimestamp: Date.now() + 3_600_000 });
  }
}
