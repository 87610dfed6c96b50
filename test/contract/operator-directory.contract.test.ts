import { describe, expect, it } from "vitest";
import { SIM_OPERATOR_TENANT_ID } from "../../dev/sim/identity/operator-tokens";
import { graphOperatorDirectory } from "../../shared/auth/operator-directory";
import { useContractSim } from "./sim-harness";

describe("the operators' directory read through the production Graph client", () => {
  const sim = useContractSim();

  it("reads an operator's UPN, mail and proxy addresses by object id, with the app's token for the operators' tenant", async () => {
    const operator = await sim().control<{ oid: string }>("POST", "/_sim/operators", { upn: "Erin@msp.example", roles: [], email: "erin.smith@msp-mail.example", proxyAddresses: ["E.Smith@msp-archive.example"] });
    const directory = graphOperatorDirectory(SIM_OPERATOR_TENANT_ID, sim().factory());
    expect(await directory.addressesOf(operator.oid)).toEqual(["erin@msp.example", "erin.smith@msp-mail.example", "e.smith@msp-archive.example"]);
  });

  it("throws for someone the directory does not have, and when no operators' tenant is configured", async () => {
    await expect(graphOperatorDirectory(SIM_OPERATOR_TENANT_ID, sim().factory()).addressesOf("0f0f0f0f-0000-4000-a000-000000000000")).rejects.toThrow(/no user/);
    await expect(graphOperatorDirectory(undefined, sim().factory()).addressesOf("0f0f0f0f-0000-4000-a000-000000000000")).rejects.toThrow(/OPERATOR_TENANT_ID/);
  });
});
