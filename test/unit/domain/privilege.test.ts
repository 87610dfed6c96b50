import { describe, expect, it } from "vitest";
import recorded from "../../fixtures/graph/role-assignments.json";
import { decidePrivilege, judgeRole } from "../../../shared/domain/privilege";
import type { RoleGrant } from "../../../shared/domain/privilege";
import { privilegeRefusal } from "../../../shared/domain/privilege-guard";
import { known, unknown } from "../../../shared/domain/layer";
import { toRoleDefinitionFacts } from "../../../shared/m365/graph-directory";

type Recorded = { value: Array<{ roleDefinitionId: string; roleDefinition?: Record<string, unknown> | null }> };
const grants = (reply: Recorded, kind: RoleGrant["kind"] = "active", viaGroup: string | null = null): RoleGrant[] =>
  reply.value.map((a) => ({ kind, viaGroup, roleDefinitionId: a.roleDefinitionId, definition: toRoleDefinitionFacts(a.roleDefinition as never) }));

describe("decidePrivilege on recorded Graph replies", () => {
  it("finds a direct Global Administrator", () => {
    expect(decidePrivilege({ grants: grants(recorded.directGlobalAdmin), gaps: [] })).toEqual(known(["Global Administrator"]));
  });

  it("finds an eligible Exchange Administrator through a group, though Microsoft does not flag the role privileged", () => {
    const verdict = decidePrivilege({ grants: grants(recorded.eligibleExchangeAdminThroughGroup, "eligible", "Mail Admins"), gaps: [] });
    expect(verdict).toEqual(known(["Exchange Administrator (eligible, through group Mail Admins)"]));
  });

  it("is unknown, naming the permission, for a role that came back without a definition", () => {
    const verdict = decidePrivilege({ grants: grants(recorded.roleWithoutDefinition), gaps: [] });
    expect(verdict).toEqual(unknown("1 role assignment(s) came back without a role definition; grant the app RoleManagement.Read.Directory to settle whether the user is an administrator"));
  });

  it("lets a read-only custom role pass and stops a custom role that may change passwords", () => {
    const [reader, resetter] = grants(recorded.customReadOnlyAndCustomWriter);
    expect(decidePrivilege({ grants: [reader!], gaps: [] })).toEqual(known([]));
    expect(decidePrivilege({ grants: [reader!, resetter!], gaps: [] })).toEqual(known(["Password Resetter (custom role)"]));
  });

  it("is unknown when a read failed and nothing privileged was found, and privileged when something was", () => {
    const gap = { what: "PIM-eligible roles could not be read (403)", permission: "RoleEligibilitySchedule.Read.Directory" };
    expect(decidePrivilege({ grants: [], gaps: [gap] })).toMatchObject({ known: false, reason: expect.stringContaining("grant the app RoleEligibilitySchedule.Read.Directory") });
    expect(decidePrivilege({ grants: grants(recorded.directGlobalAdmin), gaps: [gap] })).toEqual(known(["Global Administrator"]));
  });
});

describe("judgeRole", () => {
  it("recognises a privileged built-in by template id even when its definition is missing", () => {
    expect(judgeRole("62e90394-69f5-4237-9190-012177145e10", null)).toEqual({ verdict: "privileged", name: "Global Administrator" });
  });

  it("trusts Microsoft's isPrivileged when it says privileged, and lets only allow-listed readers through", () => {
    expect(judgeRole("r1", { displayName: "Tenant Creator", isBuiltIn: true, isPrivileged: true })).toEqual({ verdict: "privileged", name: "Tenant Creator" });
    expect(judgeRole("r2", { displayName: "Reports Reader", templateId: "4a5d8f65-41da-4de4-8968-e035b65339cf", isBuiltIn: true, isPrivileged: false })).toEqual({ verdict: "not-privileged" });
    expect(judgeRole("790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", null)).toEqual({ verdict: "not-privileged" });
  });

  it("counts every other built-in role as privileged, whatever isPrivileged says or leaves out (deny by default)", () => {
    const cloudDeviceAdmin = { displayName: "Cloud Device Administrator", templateId: "7698a772-787b-4ac8-901f-60d6b08affd2", isBuiltIn: true };
    expect(judgeRole(cloudDeviceAdmin.templateId, cloudDeviceAdmin)).toEqual({ verdict: "privileged", name: "Cloud Device Administrator" });
    const sync = { displayName: "Directory Synchronization Accounts", templateId: "d29b2b05-8046-44ba-8758-1e26182fcf32", isBuiltIn: true, isPrivileged: false };
    expect(judgeRole(sync.templateId, sync)).toEqual({ verdict: "privileged", name: "Directory Synchronization Accounts" });
    expect(judgeRole("r5", { displayName: "Reports Reader", isBuiltIn: true })).toEqual({ verdict: "privileged", name: "Reports Reader" }); // a name alone is no proof
  });

  it("cannot judge a custom role whose actions were not sent, nor a definition that says nothing", () => {
    expect(judgeRole("r3", { displayName: "Mystery", isBuiltIn: false, isPrivileged: false })).toEqual({ verdict: "unknown" });
    expect(judgeRole("r4", { displayName: "Mystery" })).toEqual({ verdict: "unknown" });
  });
});

describe("privilegeRefusal", () => {
  it("guards every account-weakening step and leaves the tenant-wide one to the policy", () => {
    const ga = known(["Global Administrator (eligible)"]);
    expect(privilegeRefusal("enable-mailbox-smtp-auth", ga, "en")).toMatchObject({ code: "privileged-user", reason: expect.stringContaining("Global Administrator (eligible)") });
    expect(privilegeRefusal("disable-per-user-mfa", ga, "en")?.code).toBe("privileged-user");
    expect(privilegeRefusal("disable-security-defaults", ga, "en")).toBeNull();
    expect(privilegeRefusal("enable-mailbox-smtp-auth", known([]), "en")).toBeNull();
  });

  it("refuses when privilege is unknown and carries the permission that would settle it", () => {
    const refusal = privilegeRefusal("enable-mailbox-smtp-auth", unknown("role assignments could not be read (403); grant the app RoleManagement.Read.Directory to settle whether the user is an administrator"), "en");
    expect(refusal).toEqual({ code: "privilege-unknown", reason: expect.stringContaining("RoleManagement.Read.Directory") });
  });
});
