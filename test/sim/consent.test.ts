import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../dev/sim/start-simulator";
import { GRAPH_ROUTES } from "../../dev/sim/graph/graph-routes";
import { mayCall } from "../../dev/sim/state/app-consent";
import { APP_PERMISSIONS } from "../../shared/m365/permission-manifest";
import { EXCHANGE_SCOPE, GRAPH_SCOPE, call, startTestSimulator, token } from "./support/sim-client";

const TENANT = "consent.test";
let sim: RunningSimulator;
let graph: string;
let exchange: string;

const control = (method: string, body?: unknown) => call(sim, method, `/_sim/tenants/${TENANT}`, { body });
const grant = (grantedPermissions: string[], deniedPermissions: string[] = []) => control("PATCH", { grantedPermissions, deniedPermissions });
const organization = () => call(sim, "GET", "/v1.0/organization?$select=verifiedDomains", { token: graph });
const cmdlet = (name: string) => call(sim, "POST", `/adminapi/beta/${TENANT}/InvokeCommand`, { token: exchange, body: { CmdletInput: { CmdletName: name, Parameters: {} } } });

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: TENANT, mailboxes: 2 } });
  graph = await token(sim, TENANT, GRAPH_SCOPE);
  exchange = await token(sim, TENANT, EXCHANGE_SCOPE);
});
afterAll(async () => sim.close());

describe("the app holds exactly its granted permissions", () => {
  it("grants the app's manifest by default and shows it", async () => {
    expect((await control("GET")).body.grantedPermissions).toEqual([...APP_PERMISSIONS]);
    expect((await organization()).status).toBe(200);
  });

  it("refuses GET /organization without Organization.Read.All, as Graph does, and accepts the higher Directory.Read.All", async () => {
    await grant(APP_PERMISSIONS.filter((p) => p !== "Organization.Read.All"));
    const refused = await organization();
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." });
    await grant(["Directory.Read.All"]);
    expect((await organization()).status).toBe(200);
    await grant([...APP_PERMISSIONS], ["Organization.Read.All"]);
    expect((await organization()).status).toBe(403);
    await grant([...APP_PERMISSIONS]);
  });

  it("refuses every Graph route to an app granted nothing, and Exchange cmdlets without Exchange.ManageAsApp", async () => {
    await grant([]);
    expect((await call(sim, "GET", "/v1.0/users", { token: graph })).status).toBe(403);
    expect((await call(sim, "GET", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", { token: graph })).status).toBe(403);
    expect(await cmdlet("Get-TransportConfig")).toMatchObject({ status: 401, body: { error: { message: "User is not allowed to call Get-TransportConfig" } } });
    await grant(["Exchange.ManageAsApp"]);
    expect((await cmdlet("Get-TransportConfig")).status).toBe(200);
    await grant([...APP_PERMISSIONS]);
  });

  it("gives every Graph route at least one permission, and refuses a call whose list is empty", () => {
    for (const route of GRAPH_ROUTES) expect(route.permissions.length, route.template).toBeGreaterThan(0);
    expect(mayCall({ grantedPermissions: [...APP_PERMISSIONS], deniedPermissions: [] }, [])).toBe(false);
  });

  it("returns groups with limited information to an app that may list memberships (User.Read.All) but not read groups", async () => {
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/member@${TENANT}`, { body: {} });
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/groups/bbbbbbbb-0000-4000-a000-000000000001`, { body: { displayName: "Printers", members: [`member@${TENANT}`] } });
    const groups = () => call(sim, "GET", `/v1.0/users/member@${TENANT}/transitiveMemberOf/microsoft.graph.group`, { token: graph });
    expect((await groups()).body.value).toEqual([expect.objectContaining({ id: "bbbbbbbb-0000-4000-a000-000000000001", displayName: "Printers" })]);
    await grant(APP_PERMISSIONS.filter((p) => p !== "GroupMember.Read.All"));
    expect((await groups()).body.value).toEqual([{ "@odata.type": "#microsoft.graph.group", id: "bbbbbbbb-0000-4000-a000-000000000001" }]);
    await grant([...APP_PERMISSIONS]);
  });

  it("answers 400 to a grantedPermissions that is not a list of permission names, and changes nothing", async () => {
    for (const bad of ["User.Read.All", [42], ["not a permission"]]) {
      expect((await control("PATCH", { grantedPermissions: bad })).status).toBe(400);
    }
    expect((await control("GET")).body.grantedPermissions).toEqual([...APP_PERMISSIONS]);
  });

  it("answers 400 to $select of a property the organization does not have", async () => {
    const reply = await call(sim, "GET", "/v1.0/organization?$select=verifiedDomains,perUserMfaState", { token: graph });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe("Could not find a property named 'perUserMfaState' on type 'microsoft.graph.organization'.");
  });
});
