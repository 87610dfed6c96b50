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
      id === "printer@contoso.com" ? { id: "u1", userPrincipalName: id, accountEnabled: true, exchangeLicensed: true } : null,
    listUsers: async function* () {},
    getPerUserMfaState: async () => "enforced",
    setPerUserMfaState: async () => {},
    getPerUserMfaStates: async () => new Map(),
    getDirectoryRoles: async () => ["Global Administrator"],
    getAllDirectoryRoleHolders: async () => new Map(),
    getDirectoryRoleRefs: async () => [{ displayName: "Global Administrator", roleTemplateId: GA }],
    getTransitiveGroupIds: async () => ["g1"],
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
        ? { identity: "printer", primarySmtpAddress: identity, externalDirectoryObjectId: "u1", smtpClientAuthenticationDisabled: null }
        : null,
    setCasMailboxSmtpAuthDisabled: async () => {},
    listCasMailboxes: async function* () {},
    getOrgSmtpAuthDisabled: async () => true,
    setOrgSmtpAuthDisabled: async () => {},
    getAuthenticationPolicyFor: async () => ({ name: "Block Basic", allowBasicAuthSmtp: false }),
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
      getCasMailbox: async () => ({ identity: "p", primarySmtpAddress: "scanner@contoso.com", externalDirectoryObjectId: "u1", smtpClientAuthenticationDisabled: true }),
    });
    const state = await readMailboxState(gws(graph, exchange), "scanner@contoso.com", { now });
    expect(state.userId).toBe("u1");
    expect(state.accountEnabled).toEqual({ known: true, value: false });
    expect(state.mailboxSmtpAuthDisabled).toEqual({ known: true, value: true });
  });

  it("leaves CA unknown when a blocking policy's exclusion depends on groups it could not read", async () => {
    const graph = fakeGraph({ getTransitiveGroupIds: async () => Promise.reject(new Error("boom")) });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.blockingCaPolicies).toMatchObject({ known: false, reason: expect.stringContaining("Block legacy auth") });
    expect(state.privilegedRoles).toEqual({ known: true, value: ["Global Administrator"] });
  });

  it("does not read group memberships when no blocking policy names groups", async () => {
    let groupReads = 0;
    const graph = fakeGraph({
      getTransitiveGroupIds: async () => {
        groupReads++;
        return [];
      },
      listConditionalAccessPolicies: async () => [],
    });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.blockingCaPolicies).toEqual({ known: true, value: [] });
    expect(groupReads).toBe(0);
  });

  it("marks privileged roles unknown with a generic reason when the role read throws a foreign error", async () => {
    const graph = fakeGraph({ getDirectoryRoleRefs: async () => Promise.reject(new Error("secret-bearing text")) });
    const state = await readMailboxState(gws(graph), "printer@contoso.com", { now });
    expect(state.privilegedRoles).toEqual({ known: false, reason: "unexpected error: Error" });
  });

  it("treats no authentication policy in force as allowing basic SMTP", async () => {
    const state = await readMailboxState(gws(fakeGraph(), fakeExchange({ getAuthenticationPolicyFor: async () => null })), "printer@contoso.com", { now });
    expect(state.authPolicy).toEqual({ known: true, value: { policyName: null, allowBasicAuthSmtp: true } });
  });
});
