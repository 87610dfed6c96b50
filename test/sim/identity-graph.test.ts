import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, EXCHANGE_SCOPE, call, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";
import { APP_PERMISSIONS } from "../../shared/m365/permission-manifest";

const TENANT = "11111111-2222-3333-4444-555555555555";
let sim: RunningSimulator;
let graph: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "contoso.test", mailboxes: 2500, securityDefaults: true } });
  graph = await token(sim, TENANT, GRAPH_SCOPE);
});
afterAll(async () => sim.close());

describe("identity", () => {
  it("serves the discovery document @azure/identity asks for", async () => {
    const reply = await call(sim, "GET", `/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(reply.status).toBe(200);
    expect(reply.body.token_endpoint).toBe(`${sim.baseUrl}/${TENANT}/oauth2/v2.0/token`);
    for (const key of ["issuer", "authorization_endpoint", "jwks_uri", "end_session_endpoint"]) expect(reply.body[key]).toEqual(expect.any(String));
  });

  it("answers discovery for a tenant's domain with its tenant id as issuer, and an unknown one with Entra's AADSTS90002", async () => {
    const byDomain = await call(sim, "GET", "/contoso.test/v2.0/.well-known/openid-configuration");
    expect(byDomain.body.issuer).toBe(`${sim.baseUrl}/${TENANT}/v2.0`);
    const unknown = await call(sim, "GET", "/nobody.test/v2.0/.well-known/openid-configuration");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
  });

  it("puts the permissions the tenant granted in each token's roles claim, per resource, and none when nothing is granted", async () => {
    const roles = async (scope: string) => (JSON.parse(Buffer.from((await token(sim, TENANT, scope)).split(".")[1] ?? "", "base64url").toString()) as { roles?: string[] }).roles;
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { grantedPermissions: ["User.Read.All", "Exchange.ManageAsApp"] } });
    expect(await roles(GRAPH_SCOPE)).toEqual(["User.Read.All"]);
    expect(await roles(EXCHANGE_SCOPE)).toEqual(["Exchange.ManageAsApp"]);
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { grantedPermissions: [] } });
    expect(await roles(GRAPH_SCOPE)).toBeUndefined();
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { grantedPermissions: [...APP_PERMISSIONS] } });
    expect(await roles(GRAPH_SCOPE)).toContain("Organization.Read.All");
  });

  it("issues a bearer token for client credentials", async () => {
    const reply = await call(sim, "POST", `/${TENANT}/oauth2/v2.0/token`, { form: { grant_type: "client_credentials", client_id: "sim-client", client_secret: "sim-secret", scope: GRAPH_SCOPE } });
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, access_token: expect.any(String) });
  });

  it("answers a wrong secret with AADSTS7000215 and 401", async () => {
    const reply = await call(sim, "POST", `/${TENANT}/oauth2/v2.0/token`, { form: { grant_type: "client_credentials", client_id: "sim-client", client_secret: "nope", scope: GRAPH_SCOPE } });
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe("invalid_client");
    expect(reply.body.error_description).toMatch(/^AADSTS7000215/);
  });

  it("answers an unknown client id with AADSTS700016 and 400", async () => {
    const reply = await call(sim, "POST", `/${TENANT}/oauth2/v2.0/token`, { form: { grant_type: "client_credentials", client_id: "other", client_secret: "sim-secret", scope: GRAPH_SCOPE } });
    expect(reply.status).toBe(400);
    expect(reply.body.error_codes).toEqual([700016]);
  });

  it("refuses Graph without a token with InvalidAuthenticationToken", async () => {
    const reply = await call(sim, "GET", "/v1.0/users");
    expect(reply.status).toBe(401);
    expect(reply.body.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty." });
    expect(reply.body.error.innerError["request-id"]).toEqual(expect.any(String));
  });

  it("does not open Graph with an Exchange token nor Exchange with a Graph token", async () => {
    const exchange = await token(sim, TENANT, EXCHANGE_SCOPE);
    const graphWithExchange = await call(sim, "GET", "/v1.0/users", { token: exchange });
    expect(graphWithExchange.status).toBe(401);
    const exchangeWithGraph = await call(sim, "POST", `/adminapi/beta/${TENANT}/InvokeCommand`, { token: graph, body: { CmdletInput: { CmdletName: "Get-TransportConfig", Parameters: {} } } });
    expect(exchangeWithGraph.status).toBe(401);
    expect(exchangeWithGraph.headers["www-authenticate"]).toMatch(/^Bearer /);
  });
});

describe("Graph users", () => {
  it("pages 2,500 users with absolute nextLinks and $top=999", async () => {
    let url: string | undefined = "/v1.0/users?$select=id,userPrincipalName&$top=999";
    const upns: string[] = [];
    let pages = 0;
    while (url) {
      const reply = await call(sim, "GET", url, { token: graph });
      expect(reply.status).toBe(200);
      upns.push(...reply.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName));
      url = reply.body["@odata.nextLink"];
      if (url) expect(url.startsWith(sim.baseUrl)).toBe(true);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(upns).size).toBe(2500);
    expect(upns[0]).toBe("user000001@contoso.test");
  });

  it("rejects $top outside 1..999 with 400", async () => {
    for (const top of ["0", "1000"]) {
      const reply = await call(sim, "GET", `/v1.0/users?$top=${top}`, { token: graph });
      expect(reply.status).toBe(400);
    }
    expect((await call(sim, "GET", "/v1.0/users?$top=1", { token: graph })).body.value).toHaveLength(1);
  });

  it("filters on userPrincipalName; perUserMfaState is no v1.0 user property, so selecting it is Graph's 400", async () => {
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/user000007@contoso.test`, { body: { perUserMfaState: "enforced" } });
    const plain = await call(sim, "GET", "/v1.0/users?$filter=userPrincipalName eq 'user000007@contoso.test'", { token: graph });
    expect(plain.body.value).toHaveLength(1);
    expect(plain.body.value[0]).not.toHaveProperty("perUserMfaState");
    for (const version of ["v1.0", "beta"]) {
      const selected = await call(sim, "GET", `/${version}/users?$filter=userPrincipalName eq 'user000007@contoso.test'&$select=id,perUserMfaState`, { token: graph });
      expect(selected.status).toBe(400);
      expect(selected.body.error.message).toBe("Could not find a property named 'perUserMfaState' on type 'microsoft.graph.user'.");
    }
    const documented = await call(sim, "GET", "/v1.0/users/user000007@contoso.test?$select=id,department", { token: graph });
    expect(documented.body).toMatchObject({ id: expect.any(String), department: null });
  });

  it("returns a user by UPN and by id with assignedPlans when licensed, 404 when unknown", async () => {
    const byUpn = await call(sim, "GET", "/v1.0/users/user000002@contoso.test?$select=id,accountEnabled,assignedPlans,userType", { token: graph });
    expect(byUpn.body.assignedPlans).toContainEqual(expect.objectContaining({ service: "exchange", capabilityStatus: "Enabled" }));
    const byId = await call(sim, "GET", `/v1.0/users/${byUpn.body.id}`, { token: graph });
    expect(byId.body.userPrincipalName).toBe("user000002@contoso.test");
    const missing = await call(sim, "GET", "/v1.0/users/ghost@contoso.test", { token: graph });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("Graph policies", () => {
  it("reads and patches security defaults with 204", async () => {
    const url = "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy";
    expect((await call(sim, "GET", url, { token: graph })).body.isEnabled).toBe(true);
    const patch = await call(sim, "PATCH", url, { token: graph, body: { isEnabled: false } });
    expect(patch.status).toBe(204);
    expect((await call(sim, "GET", url, { token: graph })).body.isEnabled).toBe(false);
  });

  it("serves per-user MFA requirements under beta only", async () => {
    const url = "/users/user000003@contoso.test/authentication/requirements";
    expect((await call(sim, "GET", `/beta${url}`, { token: graph })).body.perUserMfaState).toBe("disabled");
    expect((await call(sim, "PATCH", `/beta${url}`, { token: graph, body: { perUserMfaState: "enforced" } })).status).toBe(204);
    expect((await call(sim, "GET", `/beta${url}`, { token: graph })).body.perUserMfaState).toBe("enforced");
    expect((await call(sim, "GET", `/v1.0${url}`, { token: graph })).status).toBe(400);
  });

  it("answers 403 Authorization_RequestDenied for a permission configured away", async () => {
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { deniedPermissions: ["Policy.ReadWrite.AuthenticationMethod"] } });
    const reply = await call(sim, "PATCH", "/beta/users/user000003@contoso.test/authentication/requirements", { token: graph, body: { perUserMfaState: "disabled" } });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("Authorization_RequestDenied");
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { deniedPermissions: [] } });
  });

  it("lists Conditional Access policies in Graph's shape", async () => {
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/conditional-access/block-legacy`, {
      body: { displayName: "Block legacy", state: "enabled", conditions: { clientAppTypes: ["exchangeActiveSync", "other"], users: { includeUsers: ["All"] } }, grantControls: { operator: "OR", builtInControls: ["block"] } },
    });
    const reply = await call(sim, "GET", "/v1.0/identity/conditionalAccess/policies", { token: graph });
    expect(reply.body.value[0]).toMatchObject({ id: "block-legacy", state: "enabled", conditions: { clientAppTypes: ["exchangeActiveSync", "other"], users: { includeUsers: ["All"], excludeUsers: [] } }, grantControls: { builtInControls: ["block"] } });
    await call(sim, "DELETE", `/_sim/tenants/${TENANT}/conditional-access/block-legacy`);
  });

  it("lists role assignments with role definitions, filtered by principal or all", async () => {
    const admin = await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/admin@contoso.test`, { body: { roles: ["Global Administrator"] } });
    const filtered = await call(sim, "GET", `/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${admin.body.id}'&$expand=roleDefinition`, { token: graph });
    expect(filtered.body.value).toEqual([expect.objectContaining({ principalId: admin.body.id, roleDefinition: expect.objectContaining({ displayName: "Global Administrator" }) })]);
    const all = await call(sim, "GET", "/v1.0/roleManagement/directory/roleAssignments", { token: graph });
    expect(all.body.value.map((a: { principalId: string }) => a.principalId)).toContain(admin.body.id);
    const roles = await call(sim, "GET", `/v1.0/users/${admin.body.id}/transitiveMemberOf/microsoft.graph.directoryRole`, { token: graph });
    expect(roles.body.value[0]).toMatchObject({ "@odata.type": "#microsoft.graph.directoryRole", displayName: "Global Administrator" });
  });

  it("filters SMTP sign-ins and answers 403 when the tenant has no P1", async () => {
    await call(sim, "POST", `/_sim/tenants/${TENANT}/sign-ins`, { body: [
      { userPrincipalName: "user000001@contoso.test", createdDateTime: "2026-01-02T00:00:00Z", errorCode: 50126 },
      { userPrincipalName: "user000001@contoso.test", createdDateTime: "2025-01-02T00:00:00Z" },
    ] });
    const url = "/v1.0/auditLogs/signIns?$filter=clientAppUsed eq 'Authenticated SMTP' and createdDateTime ge 2026-01-01T00:00:00Z";
    const reply = await call(sim, "GET", url, { token: graph });
    expect(reply.body.value).toHaveLength(1);
    expect(reply.body.value[0].status.errorCode).toBe(50126);
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { signInLogs: false } });
    const denied = await call(sim, "GET", url, { token: graph });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/Tenant does not have a SKU required/);
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { signInLogs: true } });
  });
});
