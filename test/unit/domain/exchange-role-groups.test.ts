import { describe, expect, it } from "vitest";
import { isAdminRoleGroup } from "../../../shared/domain/exchange-role-groups";
import { decidePrivilege } from "../../../shared/domain/privilege";
import { known, unknown } from "../../../shared/domain/layer";

describe("Exchange role groups: admin power unless on the view-only allow-list", () => {
  it("counts Organization Management, Recipient Management and any custom or unknown group as admin", () => {
    for (const name of ["Organization Management", "Recipient Management", "Help Desk", "Hygiene Management", "Mailbox helpers (custom)", "ExchangeServiceAdmins_-1234"]) {
      expect(isAdminRoleGroup(name), name).toBe(true);
    }
  });

  it("lets the documented read-only built-ins pass, whatever the case", () => {
    expect(isAdminRoleGroup("View-Only Organization Management")).toBe(false);
    expect(isAdminRoleGroup("security reader")).toBe(false);
  });

  it("makes a user privileged through an admin role group, even with no Entra role and another read failing", () => {
    const gap = { what: "role assignments could not be read (403)", permission: "RoleManagement.Read.Directory" };
    expect(decidePrivilege({ grants: [], exchangeRoleGroups: ["Organization Management"], gaps: [gap] })).toEqual(known(["Organization Management (Exchange role group)"]));
    expect(decidePrivilege({ grants: [], exchangeRoleGroups: ["View-Only Organization Management"], gaps: [] })).toEqual(known([]));
    expect(decidePrivilege({ grants: [], exchangeRoleGroups: ["View-Only Organization Management"], gaps: [gap] })).toEqual(unknown(expect.stringContaining("RoleManagement.Read.Directory") as unknown as string));
  });
});
