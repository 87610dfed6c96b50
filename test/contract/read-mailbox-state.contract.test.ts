import { beforeEach, describe, expect, it } from "vitest";
import { MAILBOX_STATE_READ_CALLS, readMailboxState } from "../../shared/m365/read-mailbox-state";
import { useContractSim, type ContractSim } from "./sim-harness";

const POLICY_WRITES = ["Policy.ReadWrite.SecurityDefaults", "Policy.ReadWrite.AuthenticationMethod"];

const contractSim = useContractSim();
let sim: ContractSim;
beforeEach(() => {
  sim = contractSim();
});

/** Graph and Exchange calls (tokens excluded) the simulator logged for a tenant. */
async function apiCalls(tenantId: string): Promise<string[]> {
  const log = await sim.callLog(tenantId);
  return log.map((c) => c.operation).filter((op) => !/token|openid/i.test(op));
}

describe("readMailboxState against the simulator", () => {
  it("reads every layer of a broken mailbox within the documented number of calls", async () => {
    const { tenantId, domain } = await sim.createTenant({ securityDefaults: true, orgSmtpAuthDisabled: true, defaultAuthenticationPolicy: "Block Basic" });
    const upn = `printer@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/authentication-policies/Block Basic`, { allowBasicAuthSmtp: false });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, {
      smtpClientAuthenticationDisabled: null,
      perUserMfaState: "enforced",
      roles: ["Exchange Administrator"],
      licensed: true,
    });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/conditional-access/ca-1`, {
      displayName: "Block legacy auth",
      state: "enabled",
      conditions: { clientAppTypes: ["other"], users: { includeUsers: ["All"] } },
      grantControls: { builtInControls: ["block"] },
    });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/conditional-access/ca-2`, {
      displayName: "Report only",
      state: "enabledForReportingButNotEnforced",
      conditions: { clientAppTypes: ["other"], users: { includeUsers: ["All"] } },
      grantControls: { builtInControls: ["block"] },
    });
    const gw = sim.gateways(tenantId);
    await gw.graph.getSecurityDefaultsEnabled(); // warm the token cache so only API calls are counted
    await sim.control("DELETE", "/_sim/calls");

    const state = await readMailboxState(gw, upn, { now: new Date("2026-05-01T00:00:00Z") });

    expect(state).toMatchObject({
      tenantId,
      mailbox: upn,
      securityDefaultsEnabled: { known: true, value: true },
      orgSmtpAuthDisabled: { known: true, value: true },
      mailboxExists: { known: true, value: true },
      mailboxSmtpAuthDisabled: { known: true, value: null },
      perUserMfaState: { known: true, value: "enforced" },
      accountEnabled: { known: true, value: true },
      exchangeLicensed: { known: true, value: true },
      privilegedRoles: { known: true, value: ["Exchange Administrator"] },
      blockingCaPolicies: { known: true, value: [{ id: "ca-1", displayName: "Block legacy auth" }] },
      authPolicy: { known: true, value: { policyName: "Block Basic", allowBasicAuthSmtp: false } },
    });
    expect(state.userId).toMatch(/[0-9a-f-]{36}/);
    const calls = await apiCalls(tenantId);
    expect(calls.length).toBeGreaterThanOrEqual(MAILBOX_STATE_READ_CALLS.min);
    expect(calls.length).toBeLessThanOrEqual(MAILBOX_STATE_READ_CALLS.max);
  });

  it("reports a mailbox that does not exist as such, with the layers hanging on it unknown", async () => {
    const { tenantId, domain } = await sim.createTenant();
    const state = await readMailboxState(sim.gateways(tenantId), `ghost@${domain}`);
    expect(state.mailboxExists).toEqual({ known: true, value: false });
    expect(state.mailboxSmtpAuthDisabled).toEqual({ known: false, reason: "mailbox not found" });
    expect(state.perUserMfaState).toEqual({ known: false, reason: "mailbox not found" });
    expect(state.orgSmtpAuthDisabled.known).toBe(true);
  });

  it("keeps a layer the app may not read unknown, naming the permission, and reads the rest", async () => {
    // Microsoft accepts the write permissions for these reads too (higher privileged): take them away as well.
    const { tenantId, domain } = await sim.createTenant({ deniedPermissions: ["Policy.Read.All", ...POLICY_WRITES] });
    const upn = `clerk@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, {});
    const state = await readMailboxState(sim.gateways(tenantId), upn);
    expect(state.securityDefaultsEnabled).toMatchObject({ known: false, reason: expect.stringContaining("Policy.Read.All") });
    expect(state.blockingCaPolicies).toMatchObject({ known: false, reason: expect.stringContaining("Policy.Read.All") });
    expect(state.perUserMfaState.known).toBe(false);
    expect(state.mailboxExists).toEqual({ known: true, value: true });
    expect(state.accountEnabled).toEqual({ known: true, value: true });
    expect(JSON.stringify(state)).not.toContain("sim-secret");
  });

  it("resolves an alias to the account it belongs to, with every name of it: the Graph user by the mailbox's ExternalDirectoryObjectId", async () => {
    const { tenantId, domain } = await sim.createTenant();
    const upn = `ceo@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, { proxyAddresses: [`boss@${domain}`] });
    const state = await readMailboxState(sim.gateways(tenantId), `boss@${domain}`);
    expect(state.account).toEqual({ userId: state.userId, userPrincipalName: upn, primarySmtpAddress: upn, addresses: [upn, `boss@${domain}`], mailboxObjectId: state.userId });
    expect(state.userId).toMatch(/[0-9a-f-]{36}/);
  });
});
