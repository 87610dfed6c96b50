import { describe, expect, it } from "vitest";
import { readUserPrivilege } from "../../../shared/m365/read-privilege";
import type { ExchangeGateway, GraphGateway } from "../../../shared/m365/m365-gateway";
import { M365Error } from "../../../shared/m365/m365-error";

const GA = "62e90394-69f5-4237-9190-012177145e10";
const unused = async (): Promise<never> => {
  throw new Error("not used by the privilege read");
};

/** A user in no group, eligible (PIM for Groups) to join group g-pim, which holds Global Administrator actively. */
function gateways(over: { graph?: Partial<GraphGateway>; exchange?: Partial<ExchangeGateway> } = {}) {
  const graph = {
    getTransitiveGroups: async () => [],
    listGroupEligibilities: async () => [{ groupId: "g-pim", principalId: "u1", accessId: "member" as const }],
    listRoleGrants: async (kind: string, principalId?: string) =>
      kind === "active" && principalId === "g-pim" ? [{ principalId: "g-pim", roleDefinitionId: GA, definition: { displayName: "Global Administrator", templateId: GA, isBuiltIn: true } }] : [],
    ...over.graph,
  } as unknown as GraphGateway;
  const exchange = { listRoleGroups: async () => [], listRoleGroupMemberIds: unused, ...over.exchange } as unknown as ExchangeGateway;
  return { graph, exchange };
}

describe("readUserPrivilege", () => {
  it("turns an eligible group's active roles into the user's eligible roles, outside the active ones CA scopes on", async () => {
    const read = await readUserPrivilege(gateways(), "u1");
    expect(read.privilege).toEqual({ known: true, value: ["Global Administrator (eligible, through group g-pim)"] });
    expect(read.activeRoleTemplateIds).toEqual([]);
  });

  it("is unknown, naming PrivilegedEligibilitySchedule.Read.AzureADGroup, when PIM for Groups is refused", async () => {
    const refused = new M365Error("Forbidden", { kind: "permanent", service: "graph", status: 403, operation: "graph.listGroupEligibilities" });
    const read = await readUserPrivilege(gateways({ graph: { listGroupEligibilities: async () => Promise.reject(refused) } }), "u1");
    expect(read.privilege).toMatchObject({ known: false, reason: expect.stringContaining("PrivilegedEligibilitySchedule.Read.AzureADGroup") });
  });

  it("finds an admin Exchange role group that holds one of the user's groups, and skips view-only and empty ones", async () => {
    const asked: string[] = [];
    const read = await readUserPrivilege(
      gateways({
        graph: { getTransitiveGroups: async () => [{ id: "mesg-1", displayName: "Mail ops", isAssignableToRole: false }], listGroupEligibilities: async () => [] },
        exchange: {
          listRoleGroups: async () => [{ name: "Recipient Management", hasMembers: true }, { name: "View-Only Organization Management", hasMembers: true }, { name: "Help Desk", hasMembers: false }],
          listRoleGroupMemberIds: async (name: string) => (asked.push(name), ["MESG-1"]),
        },
      }),
      "u1",
    );
    expect(read.privilege).toEqual({ known: true, value: ["Recipient Management (Exchange role group)"] });
    expect(asked).toEqual(["Recipient Management"]);
  });
});
