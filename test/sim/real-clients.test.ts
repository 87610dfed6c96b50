import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestSimulator } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "33333333-2222-3333-4444-555555555555";
let sim: RunningSimulator;

// Node reads NODE_EXTRA_CA_CERTS only at start-up, so the real SDKs run in a child process.
const SCRIPT = `
const { ClientSecretCredential } = require("@azure/identity");
const { Client } = require("@microsoft/microsoft-graph-client");
const { TokenCredentialAuthenticationProvider } = require("@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials");
(async () => {
  const [base, tenant] = process.argv.slice(1);
  const credential = new ClientSecretCredential(tenant, "sim-client", "sim-secret", { authorityHost: base, disableInstanceDiscovery: true });
  const exchangeToken = await credential.getToken("https://outlook.office365.com/.default");
  const client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ["https://graph.microsoft.com/.default"] }),
    baseUrl: base + "/", customHosts: new Set([new URL(base).hostname]),
  });
  const users = await client.api("/users").select("id,userPrincipalName").top(2).get();
  let missing = null;
  try { await client.api("/users/ghost@x.test").get(); } catch (e) { missing = { statusCode: e.statusCode, code: e.code }; }
  const cas = await fetch(base + "/adminapi/beta/" + tenant + "/InvokeCommand", {
    method: "POST",
    headers: { authorization: "Bearer " + exchangeToken.token, "content-type": "application/json" },
    body: JSON.stringify({ CmdletInput: { CmdletName: "Get-CASMailbox", Parameters: { Identity: "user000001@real.test" } } }),
  }).then((r) => r.json());
  console.log(JSON.stringify({ users, missing, cas }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "real.test", mailboxes: 5 } });
});
afterAll(async () => sim.close());

describe("real Microsoft SDKs against the simulator", () => {
  it("get tokens with ClientSecretCredential and read Graph and Exchange", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", SCRIPT, sim.baseUrl, TENANT], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: sim.caCertPath },
      timeout: 20_000,
    });
    const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
    expect(result.users.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(["user000001@real.test", "user000002@real.test"]);
    expect(result.users["@odata.nextLink"]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?/);
    expect(result.missing).toEqual({ statusCode: 404, code: "Request_ResourceNotFound" });
    expect(result.cas.value[0].PrimarySmtpAddress).toBe("user000001@real.test");
    const calls = (await call(sim, "GET", "/_sim/calls")).body.byOperation;
    expect(calls["POST /{tenant}/oauth2/v2.0/token"]).toBeGreaterThanOrEqual(2);
    expect(calls["GET /v1.0/users"]).toBe(1);
    expect(calls["GET /v1.0/users/{id}"]).toBe(1);
  });
});
