import { beforeEach, describe, expect, it } from "vitest";
import { MAX_IN_CALL_WAIT_MS } from "../../shared/m365/call-policy";
import { collectPages, useContractSim, type ContractSim } from "./sim-harness";

const POLICY_WRITES = ["Policy.ReadWrite.SecurityDefaults", "Policy.ReadWrite.AuthenticationMethod"];

const contractSim = useContractSim();
let sim: ContractSim;
beforeEach(() => {
  sim = contractSim();
});

describe("Graph gateway against the simulator", () => {
  it("reads and turns off security defaults", async () => {
    const { tenantId } = await sim.createTenant({ securityDefaults: true });
    const gw = sim.gateways(tenantId);
    expect(await gw.graph.getSecurityDefaultsEnabled()).toBe(true);
    await gw.graph.setSecurityDefaultsEnabled(false);
    expect(await gw.graph.getSecurityDefaultsEnabled()).toBe(false);
  });

  it("reads a user's account, licence and per-user MFA, and changes the MFA state", async () => {
    const { tenantId, domain } = await sim.createTenant();
    const upn = `printer@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, { perUserMfaState: "enforced", licensed: true, accountEnabled: true });
    const gw = sim.gateways(tenantId);
    const user = await gw.graph.getUser(upn);
    expect(user).toMatchObject({ userPrincipalName: upn, accountEnabled: true, exchangeLicensed: true });
    expect(await gw.graph.getPerUserMfaState(user!.id)).toBe("enforced");
    await gw.graph.setPerUserMfaState(user!.id, "disabled");
    expect(await gw.graph.getPerUserMfaState(upn)).toBe("disabled");
    expect(await gw.graph.getUser(`nobody@${domain}`)).toBeNull();
  });

  it("pages 2,500 users 999 at a time", async () => {
    const { tenantId } = await sim.createTenant({ mailboxes: 2_500 });
    const gw = sim.gateways(tenantId);
    const { sizes, keys } = await collectPages(gw.graph.listUsers(), (u) => u.id);
    expect(sizes).toEqual([999, 999, 502]);
    expect(keys.size).toBe(2_500);
    const log = await sim.callLog(tenantId);
    expect(log.filter((c) => c.operation.startsWith("GET /v1.0/users"))).toHaveLength(3);
  });

  it("reads per-user MFA for many users through $batch, re-sending items throttled inside it after Retry-After", async () => {
    const { tenantId } = await sim.createTenant({ mailboxes: 30 });
    const gw = sim.gateways(tenantId);
    const users: string[] = [];
    for await (const page of gw.graph.listUsers()) users.push(...page.map((u) => u.id));
    // 25 tokens per 10 s for 30 items: the last items of the first pass answer 429.
    await sim.control("PUT", "/_sim/faults", { throttle: { requestsPer10s: 25 } });
    await sim.control("DELETE", "/_sim/calls");
    const states = await gw.graph.getPerUserMfaStates(users);
    expect(states.size).toBe(30);
    const items = (await sim.callLog(tenantId)).filter((c) => c.operation.startsWith("$batch GET"));
    const throttled = items.filter((c) => c.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(items.filter((c) => c.status === 200)).toHaveLength(30);
    // Every re-sent item came after the throttled answer by at least the 1 s Retry-After the bucket gives.
    const firstThrottle = Date.parse(throttled[0]!.at);
    const retried = items.filter((c) => c.status === 200 && Date.parse(c.at) > firstThrottle);
    expect(retried.length).toBeGreaterThan(0);
    for (const c of retried) expect(Date.parse(c.at) - firstThrottle).toBeGreaterThanOrEqual(1_000);
  });

  it("hands a Retry-After longer than the in-call limit to the caller as a throttled error, without retrying", async () => {
    const { tenantId } = await sim.createTenant();
    const gw = sim.gateways(tenantId);
    await sim.control("PUT", "/_sim/faults", { throttle: { requestsPer10s: 1 } });
    await gw.graph.getSecurityDefaultsEnabled();
    const error = await gw.graph.getSecurityDefaultsEnabled().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "M365Error", kind: "throttled", status: 429 });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(MAX_IN_CALL_WAIT_MS);
    const calls = (await sim.callLog(tenantId)).filter((c) => c.operation.includes("identitySecurityDefaultsEnforcementPolicy"));
    expect(calls.map((c) => c.status)).toEqual([200, 429]);
  });

  it("names the permission the app is missing", async () => {
    // Microsoft accepts the write permissions for these reads too (higher privileged): take them away as well.
    const { tenantId } = await sim.createTenant({ deniedPermissions: ["Policy.Read.All", ...POLICY_WRITES] });
    const gw = sim.gateways(tenantId);
    await expect(gw.graph.getSecurityDefaultsEnabled()).rejects.toMatchObject({
      kind: "permanent",
      status: 403,
      code: "Authorization_RequestDenied",
      permission: "Policy.Read.All",
    });
  });

  it("lists Conditional Access policies in the gateway's shape", async () => {
    const { tenantId } = await sim.createTenant();
    await sim.control("PUT", `/_sim/tenants/${tenantId}/conditional-access/ca-legacy`, {
      displayName: "Block legacy authentication",
      state: "enabled",
      conditions: { clientAppTypes: ["exchangeActiveSync", "other"], users: { includeUsers: ["All"], excludeUsers: ["u-excluded"] } },
      grantControls: { builtInControls: ["block"] },
    });
    const policies = await sim.gateways(tenantId).graph.listConditionalAccessPolicies();
    expect(policies).toEqual([
      expect.objectContaining({
        id: "ca-legacy",
        displayName: "Block legacy authentication",
        state: "enabled",
        clientAppTypes: ["exchangeActiveSync", "other"],
        builtInControls: ["block"],
        includeUsers: ["All"],
        excludeUsers: ["u-excluded"],
      }),
    ]);
  });

  it("reads SMTP sign-ins, and null for a tenant without sign-in logs", async () => {
    const { tenantId, domain } = await sim.createTenant({ signInLogs: true });
    const upn = `scanner@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, {});
    await sim.control("POST", `/_sim/tenants/${tenantId}/sign-ins`, { userPrincipalName: upn, errorCode: 50126 });
    const signIns = await sim.gateways(tenantId).graph.listSmtpSignIns("2020-01-01T00:00:00Z");
    expect(signIns).toEqual([expect.objectContaining({ userPrincipalName: upn, errorCode: 50126 })]);
    const bare = await sim.createTenant({ signInLogs: false });
    expect(await sim.gateways(bare.tenantId).graph.listSmtpSignIns("2020-01-01T00:00:00Z")).toBeNull();
  });
});
