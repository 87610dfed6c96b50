import { beforeEach, describe, expect, it } from "vitest";
import { useContractSim, type ContractSim } from "./sim-harness";

const contractSim = useContractSim();
let sim: ContractSim;
beforeEach(() => {
  sim = contractSim();
});

const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString();

describe("the sign-in log reader against the simulator", () => {
  it("reads every Authenticated SMTP sign-in since an instant in one query of several pages, newest first, with address and error code", async () => {
    const { tenantId, domain } = await sim.createTenant();
    const printer = `printer@${domain}`;
    const recent = Array.from({ length: 1_200 }, (_, i) => ({ userPrincipalName: printer, createdDateTime: minutesAgo(1 + i / 100), ipAddress: "203.0.113.7" }));
    await sim.control("POST", `/_sim/tenants/${tenantId}/sign-ins`, [
      ...recent,
      { userPrincipalName: printer, createdDateTime: minutesAgo(0.5), errorCode: 50126, ipAddress: "198.51.100.4" },
      { userPrincipalName: printer, createdDateTime: minutesAgo(90), errorCode: 50053 },
      { userPrincipalName: printer, createdDateTime: minutesAgo(2), clientAppUsed: "Browser" },
    ]);
    const signIns = await sim.gateways(tenantId).graph.listSmtpSignIns(minutesAgo(60));
    expect(signIns).toHaveLength(1_201);
    expect(signIns?.[0]).toEqual({ userId: expect.any(String), userPrincipalName: printer, createdDateTime: expect.any(String), errorCode: 50126, ipAddress: "198.51.100.4" });
    expect(signIns?.slice(1).every((s) => s.errorCode === 0 && s.ipAddress === "203.0.113.7")).toBe(true);
    const reads = (await sim.callLog(tenantId)).filter((c) => c.operation.includes("auditLogs/signIns"));
    expect(reads.length).toBe(2);
  });

  it("answers null, not an empty log, for a tenant without Entra ID P1", async () => {
    const { tenantId } = await sim.createTenant({ signInLogs: false });
    expect(await sim.gateways(tenantId).graph.listSmtpSignIns(minutesAgo(60))).toBeNull();
  });
});
