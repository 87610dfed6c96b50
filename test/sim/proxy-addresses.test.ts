import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXCHANGE_SCOPE, GRAPH_SCOPE, call, invoke, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "33333333-2222-3333-4444-555555555555";
const UPN = "ceo@contoso.test";
const ALIASES = ["boss@contoso.test", "ceo@contoso.onmicrosoft.com"];
let sim: RunningSimulator;
let graph: string;
let exo: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "contoso.test", mailboxes: 3 } });
  await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/${UPN}`, { body: { proxyAddresses: ALIASES } });
  graph = await token(sim, TENANT, GRAPH_SCOPE);
  exo = await token(sim, TENANT, EXCHANGE_SCOPE);
});
afterAll(async () => sim.close());

describe("proxy addresses: Exchange resolves any of them, Graph's /users/{id} only the id or UPN", () => {
  it("Exchange finds, reads and writes the mailbox by any proxy address and lists every address", async () => {
    for (const cmdlet of ["Get-CASMailbox", "Get-User"]) {
      const reply = await invoke(sim, TENANT, exo, cmdlet, { Identity: "BOSS@contoso.test" });
      expect(reply.status).toBe(200);
      expect(reply.body.value[0]).toMatchObject({ ExternalDirectoryObjectId: expect.any(String), Name: "ceo" });
    }
    const cas = (await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: ALIASES[1] })).body.value[0];
    expect(cas.EmailAddresses).toEqual([`SMTP:${UPN}`, `smtp:${ALIASES[0]}`, `smtp:${ALIASES[1]}`]);
    expect((await invoke(sim, TENANT, exo, "Set-CASMailbox", { Identity: ALIASES[0], SmtpClientAuthenticationDisabled: false })).status).toBe(200);
    expect((await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/${UPN}`)).body.smtpClientAuthenticationDisabled).toBe(false);
  });

  it("Graph answers 404 for a proxy address at /users/{id}, finds it with proxyAddresses/any and returns the addresses", async () => {
    expect((await call(sim, "GET", `/v1.0/users/${ALIASES[0]}`, { token: graph })).status).toBe(404);
    const byUpn = await call(sim, "GET", `/v1.0/users/${UPN}?$select=id,proxyAddresses`, { token: graph });
    expect(byUpn.body.proxyAddresses).toEqual([`SMTP:${UPN}`, `smtp:${ALIASES[0]}`, `smtp:${ALIASES[1]}`]);
    const filter = encodeURIComponent(`proxyAddresses/any(x:x eq 'smtp:${ALIASES[0]}')`);
    const found = await call(sim, "GET", `/v1.0/users?$filter=${filter}&$select=id`, { token: graph });
    expect(found.body.value).toEqual([{ id: byUpn.body.id }]);
    const byUpnFilter = encodeURIComponent(`userPrincipalName eq '${ALIASES[0]}'`);
    expect((await call(sim, "GET", `/v1.0/users?$filter=${byUpnFilter}`, { token: graph })).body.value).toEqual([]);
    const none = encodeURIComponent("proxyAddresses/any(x:x eq 'smtp:nobody@contoso.test')");
    expect((await call(sim, "GET", `/v1.0/users?$filter=${none}`, { token: graph })).body.value).toEqual([]);
  });

  it("refuses a proxy address another mailbox already has, and a malformed one, with 400 and nothing changed", async () => {
    const taken = await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/other@contoso.test`, { body: { proxyAddresses: [ALIASES[0]] } });
    expect([taken.status, taken.body.error?.code]).toEqual([400, "ProxyAddressInUse"]);
    const bad = await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/${UPN}`, { body: { proxyAddresses: ["smtp:x@contoso.test"] } });
    expect(bad.status).toBe(400);
    expect((await call(sim, "GET", `/_sim/tenants/${TENANT}/mailboxes/${UPN}`)).body.proxyAddresses).toEqual(ALIASES);
  });
});
