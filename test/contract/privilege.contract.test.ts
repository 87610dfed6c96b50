import { beforeEach, describe, expect, it } from "vitest";
import { readTenantPrivilege, readUserPrivilege } from "../../shared/m365/read-privilege";
import { useContractSim, type ContractSim } from "./sim-harness";

const contractSim = useContractSim();
let sim: ContractSim;
beforeEach(() => {
  sim = contractSim();
});

const GROUP = "aaaaaaaa-0000-4000-a000-00000000000a";
const PIM_GROUP = "aaaaaaaa-0000-4000-a000-00000000000b";

async function tenantWithAdmins() {
  const { tenantId, domain } = await sim.createTenant();
  const put = (upn: string, body: object) => sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}@${domain}`, body);
  await put("ga", { roles: ["Global Administrator"] });
  await put("pim", { eligibleRoles: ["Global Administrator"] });
  await put("mailops", {});
  await put("printer", { roles: ["Reports Reader"] });
  await sim.control("PUT", `/_sim/tenants/${tenantId}/groups/${GROUP}`, { displayName: "Mail Admins", isAssignableToRole: true, roles: ["Exchange Administrator"], members: [`mailops@${domain}`] });
  await put("standby", {});
  await put("orgadmin", {});
  await put("viewer", {});
  await sim.control("PUT", `/_sim/tenants/${tenantId}/role-groups/Organization Management`, { roles: ["Organization Configuration"], members: [`orgadmin@${domain}`] });
  await sim.control("PUT", `/_sim/tenants/${tenantId}/role-groups/View-Only Organization Management`, { roles: ["View-Only Configuration"], members: [`viewer@${domain}`] });
  await sim.control("PUT", `/_sim/tenants/${tenantId}/groups/${PIM_GROUP}`, { displayName: "PIM Admins", isAssignableToRole: true, roles: ["Global Administrator"], eligibleMembers: [`standby@${domain}`] });
  const gw = sim.gateways(tenantId);
  const id = async (upn: string) => (await gw.graph.getUser(`${upn}@${domain}`))!.id;
  return { tenantId, gw, id };
}

describe("privilege reader against the simulator", () => {
  it("finds active, eligible and group-held admin roles, and clears an ordinary user", async () => {
    const { gw, id } = await tenantWithAdmins();
    expect((await readUserPrivilege(gw, await id("ga"))).privilege).toEqual({ known: true, value: ["Global Administrator"] });
    expect((await readUserPrivilege(gw, await id("pim"))).privilege).toEqual({ known: true, value: ["Global Administrator (eligible)"] });
    expect((await readUserPrivilege(gw, await id("mailops"))).privilege).toEqual({ known: true, value: ["Exchange Administrator (through group Mail Admins)"] });
    const printer = await readUserPrivilege(gw, await id("printer"));
    expect(printer.privilege).toEqual({ known: true, value: [] });
    expect(printer.activeRoleTemplateIds).toHaveLength(1);
  });

  it("still finds the group-held role when memberships come back with limited information", async () => {
    const { tenantId, gw, id } = await tenantWithAdmins();
    await sim.control("PATCH", `/_sim/tenants/${tenantId}`, { deniedPermissions: ["Directory.Read.All"] });
    expect((await readUserPrivilege(gw, await id("mailops"))).privilege).toEqual({ known: true, value: [`Exchange Administrator (through group ${GROUP})`] });
  });

  it("finds a group's roles for a user only PIM-eligible to join it (PIM for Groups), as eligible", async () => {
    const { gw, id } = await tenantWithAdmins();
    expect((await readUserPrivilege(gw, await id("standby"))).privilege).toEqual({ known: true, value: [`Global Administrator (eligible, through group ${PIM_GROUP})`] });
  });

  it("is unknown, naming PrivilegedEligibilitySchedule.Read.AzureADGroup, when PIM for Groups cannot be read", async () => {
    const { tenantId, gw, id } = await tenantWithAdmins();
    await sim.control("PATCH", `/_sim/tenants/${tenantId}`, { deniedPermissions: ["PrivilegedEligibilitySchedule.Read.AzureADGroup"] });
    const read = await readUserPrivilege(gw, await id("printer"));
    expect(read.privilege).toMatchObject({ known: false, reason: expect.stringContaining("grant the app PrivilegedEligibilitySchedule.Read.AzureADGroup") });
    const tenant = await readTenantPrivilege(gw);
    expect(tenant).toMatchObject({ known: false, reason: expect.stringContaining("PrivilegedEligibilitySchedule.Read.AzureADGroup") });
  });

  it("finds an Organization Management member with no Entra role, and lets a View-Only Organization Management member pass", async () => {
    const { gw, id } = await tenantWithAdmins();
    expect((await readUserPrivilege(gw, await id("orgadmin"))).privilege).toEqual({ known: true, value: ["Organization Management (Exchange role group)"] });
    expect((await readUserPrivilege(gw, await id("viewer"))).privilege).toEqual({ known: true, value: [] });
  });

  it("is unknown, naming Get-RoleGroupMember, when the app's Exchange role group lacks it", async () => {
    const { tenantId, gw, id } = await tenantWithAdmins();
    await sim.control("PATCH", `/_sim/tenants/${tenantId}`, { exchangeRoleCmdlets: ["Get-CASMailbox", "Get-RoleGroup"] });
    const read = await readUserPrivilege(gw, await id("printer"));
    expect(read.privilege).toMatchObject({ known: false, reason: expect.stringContaining("Get-RoleGroupMember") });
  });

  it("is unknown, naming the permissions, when roles cannot be read at all", async () => {
    const { tenantId, gw, id } = await tenantWithAdmins();
    const ga = await id("ga");
    await sim.control("PATCH", `/_sim/tenants/${tenantId}`, { deniedPermissions: ["Directory.Read.All", "RoleManagement.Read.Directory", "RoleEligibilitySchedule.Read.Directory"] });
    const read = await readUserPrivilege(gw, ga);
    expect(read.privilege).toMatchObject({ known: false, reason: expect.stringContaining("grant the app RoleManagement.Read.Directory, RoleEligibilitySchedule.Read.Directory") });
    expect(read.activeRoleTemplateIds).toBeNull();
  });

  it("reads every holder in the tenant at once for the audit, group members and Exchange role groups included", async () => {
    const { gw, id } = await tenantWithAdmins();
    const holders = await readTenantPrivilege(gw);
    expect(holders.known).toBe(true);
    const map = holders.known ? holders.value : new Map();
    expect(map.get(await id("ga"))).toEqual({ known: true, value: ["Global Administrator"] });
    expect(map.get(await id("pim"))).toEqual({ known: true, value: ["Global Administrator (eligible)"] });
    expect(map.get(await id("mailops"))).toEqual({ known: true, value: ["Exchange Administrator (through group Mail Admins)"] });
    expect(map.get(await id("standby"))).toEqual({ known: true, value: ["Global Administrator (eligible, through group PIM Admins)"] });
    expect(map.get(await id("orgadmin"))).toEqual({ known: true, value: ["Organization Management (Exchange role group)"] });
    expect(map.has(await id("viewer"))).toBe(false);
    expect(map.has(await id("printer"))).toBe(false);
  });
});
