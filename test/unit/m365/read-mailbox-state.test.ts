import { describe, expect, it } from "vitest";
import { M365Error } from "../../../shared/m365/m365-error";
import type { ExchangeGateway, GraphGateway, TenantGateways } from "../../../shared/m365/m365-gateway";
import { readMailboxState } from "../../../shared/m365/read-mailbox-state";

const GA = "62e90394-69f5-4237-9190-012177145e10";
const denied = (operation: string, permission: string) =>
  new M365Error(`graph ${operation} failed with 403: Authorization_RequestDenied: the app needs the ${permission} permission`, {
    kind: "permanent",
    service: "graph",
    operation,
    status: 403,
    permission,
  });

function fakeGraph(over: Partial<GraphGateway> = {}): GraphGateway {
  return {
    getSecurityDefaultsEnabled: async () => true,
    setSecurityDefaultsEnabled: async () => {},
    getUser: async (id) =>
      id === "printer@contoso.com" ? { id: "u1", userPrincipalName: id, accountEnabled: true, exchangeLicensed: true, proxyAddresses: [`SMTP:${id}`, "smtp:scanner@contoso.com", "X500:/o=x"] } : null,
    listUsers: async function* () {},
    getPerUserMfaState: async () => "enforced",
    setPerUserMfaState: async () => {},
    getPerUserMfaStates: async () => new Map(),
    getTransitiveGroups: async () => [{ id: "g1", displayName: "Printers", isAssignableToRole: false }],
    listRoleGrants: async (kind, principalId) =>
      kind === "active" && principalId === "u1" ? [{ principalId: "u1", roleDefinitionId: GA, definition: { displayName: "Global Administrator", templateId: GA, isBuiltIn: true, isPrivileged: true } }] : [],
    listRoleAssignableGroups: async () => [],
    listGroupEligibilities: async () => [],
    listGroupMemberIds: async () => [],
    listConditionalAccessPolicies: async () => [
      {
        id: "ca1",
        displayName: "Block legacy auth",
        state: "enabled",
        clientAppTypes: ["other"],
        builtInControls: ["block"],
        includeUsers: ["All"],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: ["g-excluded"],
        includeRoles: [],
        excludeRoles: [],
        applications: { include: ["All"], exclude: [] },
        locations: null,
        platforms: null,
      },
    ],
    listSmtpSignIns: async () => null,
    ...over,
  };
}

function fakeExchange(over: Partial<ExchangeGateway> = {}): ExchangeGateway {
  return {
    getCasMailbox: async (identity) =>
      identity === "printer@contoso.com"
        ? { identity: "printer", primarySmtpAddress: identity, externalDirectoryObjectId: "u1", emailAddresses: [`SMTP:${identity}`, "smtp:printer@contoso.onmicrosoft.com"], smtpClientAuthenticationDisabled: null }
        : null,
    setCasMailboxSmtpAuthDisabled: async () => {},
    listCasMailboxes: async function* () {},
    getOrgSmtpAuthDisabled: async () => true,
    setOrgSmtpAuthDisabled: async () => {},
    getAuthenticationPolicyFor: async () => ({ name: "Block Basic", allowBasicAuthSmtp: false }),
    listRoleGroups: async () => [],
    listRoleGroupMemberIds: async () => [],
    ...over,
  };
}

const gws = (graph = fakeGraph(), exchange = fakeExchange()): TenantGateways => ({ tenantId: "t1", graph, exchange });
const now = new Date("2026-03-01T10:00:00Z");

describe("readMailboxState", () => {
  it("reads every layer of an existing mailbox", async () => {
    const state = await readMailboxState(gws(), "printer@contoso.com", { now });
    expect(state).toEqual({
      tenantId: "t1",
      mailbox: "printer@contoso.com",
      userId: "u1",
      account: { userId: "u1", userPrincipalName: "printer@contoso.com", primarySmtpAddress: "printer@contoso.com", addresses: ["printer@contoso.com", "scanner@contoso.com", "printer@contoso.onmicrosoft.com"], mailboxObjectId: "u1" },
      readAt: "2026-03-01T10:00:00.000Z",
      securityDefaultsEnabled: { known: true, value: true },
      orgSmtpAuthDisabled: { known: true, value: true },
      mailboxExists: { known: true, value: true },
      mailboxSmtpAuthDisabled: { known: true, value: null },
      perUserMfaState: { known: true, value: "enforced" },
      accountEnabled: { known: true, value: true },
      exchangeLicensed: { known: true, value: true },
      privilegedRoles: { known: true, value: ["Global Administrator"] },
      blockingCaPolicies: { known: true, value: [{ id: "ca1", displayName: "Block legacy auth" }] },
      authPolicy: { known: true, value: { policyName: "Block Basic", allowBasicAuthSmtp: false } },
    });
  });

  it("marks a layer it could not read unknown with the missing permission, and keeps the others", async () => {
    const graph = fakeGraph({
      listConditionalAccessPolicies: async () => Promise.reject(denied("graph.listConditionalAccessPolicies", "Policy.Read.All")),
    });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.blockingCaPolicies.known).toBe(false);
    expect(state.blockingCaPolicies).toMatchObject({ reason: expect.stringContaining("Policy.Read.All") });
    expect(state.securityDefaultsEnabled).toEqual({ known: true, value: true });
  });

  it("reports a missing mailbox as known false and the layers that hang on it as unknown", async () => {
    const state = await readMailboxState(gws(), "ghost@contoso.com", { now });
    expect(state.mailboxExists).toEqual({ known: true, value: false });
    expect(state.userId).toBeNull();
    for (const layer of [state.mailboxSmtpAuthDisabled, state.perUserMfaState, state.accountEnabled, state.blockingCaPolicies, state.authPolicy]) {
      expect(layer).toEqual({ known: false, reason: "mailbox not found" });
    }
    expect(state.orgSmtpAuthDisabled).toEqual({ known: true, value: true });
  });

  it("finds the Entra user by object id when the address is not the UPN", async () => {
    const graph = fakeGraph({
      getUser: async (id) => (id === "u1" ? { id: "u1", userPrincipalName: "p@contoso.onmicrosoft.com", accountEnabled: false, exchangeLicensed: true } : null),
    });
    const exchange = fakeExchange({
      getCasMailbox: async () => ({ identity: "p", primarySmtpAddress: "scanner@contoso.com", externalDirectoryObjectId: "u1", emailAddresses: ["SMTP:scanner@contoso.com"], smtpClientAuthenticationDisabled: true }),
    });
    const state = await readMailboxState(gws(graph, exchange), "scanner@contoso.com", { now });
    expect(state.userId).toBe("u1");
    expect(state.accountEnabled).toEqual({ known: true, value: false });
    expect(state.mailboxSmtpAuthDisabled).toEqual({ known: true, value: true });
  });

  it("leaves CA unknown when a blocking policy's exclusion depends on groups it could not read, and privilege too", async () => {
    const graph = fakeGraph({ getTransitiveGroups: async () => Promise.reject(denied("graph.getTransitiveGroups", "GroupMember.Read.All")) });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.blockingCaPolicies).toMatchObject({ known: false, reason: expect.stringContaining("Block legacy auth") });
    // The direct Global Administrator assignment is certain even without the groups.
    expect(state.privilegedRoles).toEqual({ known: true, value: ["Global Administrator"] });
  });

  it("decides CA scope from the groups it read", async () => {
    const graph = fakeGraph({ getTransitiveGroups: async () => [{ id: "g-excluded", displayName: null, isAssignableToRole: null }] });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.blockingCaPolicies).toEqual({ known: true, value: [] });
  });

  it("marks privilege unknown, naming the permission, when the role read fails and no privileged role was found", async () => {
    const graph = fakeGraph({
      listRoleGrants: async (kind) => (kind === "active" ? Promise.reject(new Error("secret-bearing text")) : []),
    });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.privilegedRoles).toEqual({
      known: false,
      reason: "role assignments could not be read (unexpected error: Error); grant the app RoleManagement.Read.Directory to settle whether the user is an administrator",
    });
  });

  it("treats no authentication policy in force as allowing basic SMTP", async () => {
    const state = await readMailboxState(gws(fakeGraph(), fakeExchange({ getAuthenticationPolicyFor: async () => null })), "printer@contoso.com", { now });
    expect(state.authPolicy).toEqual({ known: true, value: { policyName: null, allowBasicAuthSmtp: true } });
  });
});
