import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../dev/sim/start-simulator";
import { GRAPH_SCOPE, call, startTestSimulator, token } from "./support/sim-client";

const TENANT = "admin-power.test";
const GA = "62e90394-69f5-4237-9190-012177145e10";
const EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";
let sim: RunningSimulator;
let graph: string;

const control = (method: string, path: string, body?: unknown) => call(sim, method, `/_sim/tenants/${TENANT}${path}`, { body });
const get = (path: string, headers: Record<string, string> = {}) => call(sim, "GET", path, { token: graph, headers });
const deny = (deniedPermissions: string[]) => control("PATCH", "", { deniedPermissions });
const EVENTUAL = { ConsistencyLevel: "eventual" };

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: TENANT } });
  await control("PUT", `/mailboxes/ga@${TENANT}`, { roles: ["Global Administrator"] });
  await control("PUT", `/mailboxes/pim@${TENANT}`, { eligibleRoles: ["Global Administrator"] });
  await control("PUT", `/mailboxes/mailops@${TENANT}`, {});
  await control("PUT", "/groups/aaaaaaaa-0000-4000-a000-000000000001", { displayName: "Mail Admins", isAssignableToRole: true, roles: ["Exchange Administrator"], members: [`mailops@${TENANT}`] });
  graph = await token(sim, TENANT, GRAPH_SCOPE);
});
afterAll(async () => sim.close());

describe("admin power as Graph shows it", () => {
  it("lists a PIM-eligible role only in roleEligibilityScheduleInstances, with its definition expanded", async () => {
    const pim = (await control("GET", `/mailboxes/pim@${TENANT}`)).body.id as string;
    const active = await get(`/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${pim}'`);
    expect(active.body.value).toEqual([]);
    const eligible = await get(`/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$filter=principalId eq '${pim}'&$expand=roleDefinition`);
    expect(eligible.status).toBe(200);
    expect(eligible.body.value).toEqual([
      expect.objectContaining({ principalId: pim, roleDefinitionId: GA, memberType: "Direct", roleDefinition: expect.objectContaining({ displayName: "Global Administrator", isBuiltIn: true }) }),
    ]);
    expect(eligible.body.value[0].roleDefinition).not.toHaveProperty("isPrivileged");
  });

  it("assigns a role-assignable group's role to the group, and lists the group in the member's memberships", async () => {
    const member = (await control("GET", `/mailboxes/mailops@${TENANT}`)).body.id as string;
    const assignments = await get(`/v1.0/roleManagement/directory/roleAssignments?$expand=principal`);
    expect(assignments.body.value).toContainEqual(expect.objectContaining({ principalId: "aaaaaaaa-0000-4000-a000-000000000001", roleDefinitionId: EXCHANGE_ADMIN, principal: expect.objectContaining({ "@odata.type": "#microsoft.graph.group", displayName: "Mail Admins" }) }));
    const groups = await get(`/v1.0/users/${member}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName,isAssignableToRole&$count=true`, EVENTUAL);
    expect(groups.body).toMatchObject({ "@odata.count": 1, value: [{ "@odata.type": "#microsoft.graph.group", id: "aaaaaaaa-0000-4000-a000-000000000001", displayName: "Mail Admins", isAssignableToRole: true }] });
    const roles = await get(`/v1.0/users/${member}/transitiveMemberOf/microsoft.graph.directoryRole`);
    expect(roles.body.value).toEqual([expect.objectContaining({ displayName: "Exchange Administrator", roleTemplateId: EXCHANGE_ADMIN })]);
    // Microsoft does not label Exchange Administrator privileged (beta's isPrivileged): the product's deny-by-default must.
    const definition = await get(`/beta/roleManagement/directory/roleAssignments?$filter=principalId eq 'aaaaaaaa-0000-4000-a000-000000000001'&$expand=roleDefinition`);
    expect(definition.body.value[0].roleDefinition).toMatchObject({ displayName: "Exchange Administrator", isPrivileged: false });
  });

  it("lists a PIM for Groups eligibility by principal or group, never as membership, and refuses an unfiltered list", async () => {
    const group = "aaaaaaaa-0000-4000-a000-000000000002";
    await control("PUT", `/mailboxes/standby@${TENANT}`, {});
    await control("PUT", `/groups/${group}`, { displayName: "PIM Admins", isAssignableToRole: true, roles: ["Global Administrator"], eligibleMembers: [`standby@${TENANT}`] });
    const standby = (await control("GET", `/mailboxes/standby@${TENANT}`)).body.id as string;
    const path = "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances";
    const byUser = await get(`${path}?$filter=principalId eq '${standby}'`);
    expect(byUser.body.value).toEqual([expect.objectContaining({ groupId: group, principalId: standby, accessId: "member" })]);
    expect((await get(`${path}?$filter=groupId eq '${group}'`)).body.value).toHaveLength(1);
    expect((await get(path)).status).toBe(400);
    expect((await get(`/v1.0/groups/${group}/members`)).body.value).toEqual([]);
    await deny(["PrivilegedEligibilitySchedule.Read.AzureADGroup"]);
    try {
      expect((await get(`${path}?$filter=principalId eq '${standby}'`)).status).toBe(403);
    } finally {
      await deny([]);
    }
  });

  it("refuses a role group whose members are not UPNs with 400", async () => {
    const bad = await control("PUT", "/role-groups/Organization Management", { members: ["not-a-upn"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/members must be UPNs/);
  });

  it("answers $count=true without ConsistencyLevel: eventual with 400, as an advanced query", async () => {
    const reply = await get(`/v1.0/users/ga@${TENANT}/transitiveMemberOf/microsoft.graph.group?$count=true`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe("$count is not currently supported.");
  });

  it("returns only @odata.type and id for memberships without Directory.Read.All, and 403 without User.Read.All and GroupMember.Read.All too", async () => {
    await deny(["Directory.Read.All"]);
    const limited = await get(`/v1.0/users/ga@${TENANT}/transitiveMemberOf/microsoft.graph.directoryRole`);
    expect(limited.status).toBe(200);
    expect(limited.body.value).toEqual([{ "@odata.type": "#microsoft.graph.directoryRole", id: expect.any(String) }]);
    // roleAssignments still answers: RoleManagement.Read.Directory alone is enough.
    expect((await get("/v1.0/roleManagement/directory/roleAssignments")).status).toBe(200);
    // Microsoft's reference (user-list-transitivememberof) accepts GroupMember.Read.All as well.
    await deny(["Directory.Read.All", "User.Read.All"]);
    expect((await get(`/v1.0/users/ga@${TENANT}/transitiveMemberOf/microsoft.graph.directoryRole`)).status).toBe(200);
    await deny(["Directory.Read.All", "User.Read.All", "GroupMember.Read.All"]);
    expect((await get(`/v1.0/users/ga@${TENANT}/transitiveMemberOf/microsoft.graph.directoryRole`)).status).toBe(403);
    await deny(["Directory.Read.All", "RoleManagement.Read.Directory"]);
    expect((await get("/v1.0/roleManagement/directory/roleAssignments")).body.error.code).toBe("Authorization_RequestDenied");
    await deny([]);
  });

  it("serves custom role definitions with their actions, and Microsoft's isPrivileged on beta only (v1.0 has no such property)", async () => {
    await control("PUT", "/role-definitions/Mailbox Unlocker", { isPrivileged: false, allowedResourceActions: ["microsoft.directory/users/password/update"] });
    await control("PUT", `/mailboxes/helper@${TENANT}`, { roles: ["Mailbox Unlocker"] });
    const id = (await control("GET", `/mailboxes/helper@${TENANT}`)).body.id as string;
    const reply = await get(`/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${id}'&$expand=roleDefinition`);
    expect(reply.body.value[0].roleDefinition).toMatchObject({ displayName: "Mailbox Unlocker", isBuiltIn: false, rolePermissions: [{ allowedResourceActions: ["microsoft.directory/users/password/update"] }] });
    expect(reply.body.value[0].roleDefinition).not.toHaveProperty("isPrivileged");
    const beta = await get(`/beta/roleManagement/directory/roleAssignments?$filter=principalId eq '${id}'&$expand=roleDefinition`);
    expect(beta.body.value[0].roleDefinition).toMatchObject({ displayName: "Mailbox Unlocker", isPrivileged: false });
  });

  it("refuses roles on a group that is not role-assignable, as Entra does", async () => {
    const reply = await control("PUT", "/groups/bbbbbbbb-0000-4000-a000-000000000002", { displayName: "Plain", roles: ["Global Administrator"], members: [] });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain("isAssignableToRole");
  });
});
