import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXCHANGE_MIGRATION_ROLES, EXCHANGE_READ_CMDLETS, EXCHANGE_WRITE_CMDLETS, SET_CAS_MAILBOX_PARAMETERS } from "../../../shared/m365/exchange-role";

const ROOT = join(__dirname, "../../..");
const script = readFileSync(join(ROOT, "infra/exchange/grant-app-role-group.ps1"), "utf8");

/** The values of `$Name = @('a', 'b')` in the PowerShell script. */
function psArray(name: string): string[] {
  const m = new RegExp(`^\\$${name} = @\\(([^)]*)\\)`, "m").exec(script);
  if (!m?.[1]) throw new Error(`no $${name} in the script`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1] ?? "");
}

describe("the Exchange role group", () => {
  it("the script grants exactly the cmdlets the code declares, and trims Set-CASMailbox to its two parameters", () => {
    expect([...psArray("ReadRecipients"), ...psArray("ReadConfiguration")].sort()).toEqual([...EXCHANGE_READ_CMDLETS].sort());
    expect(psArray("WriteMailbox")).toEqual([...EXCHANGE_WRITE_CMDLETS]);
    expect(psArray("SetCasMailboxParameters")).toEqual([...SET_CAS_MAILBOX_PARAMETERS]);
    for (const cmdlet of ["New-ServicePrincipal", "New-ManagementRole", "-Parent", "Remove-ManagementRoleEntry", "New-RoleGroup", "Add-RoleGroupMember"]) expect(script).toContain(cmdlet);
    expect(script).not.toMatch(/Exchange Administrator'|New-MgRoleManagementDirectoryRoleAssignment/);
  });

  it("the script grants the migration cmdlets role by role, each trimmed from the parent the code names, and not with -ReadOnly", () => {
    for (const [name, role] of Object.entries(EXCHANGE_MIGRATION_ROLES)) {
      expect(psArray(name)).toEqual([...role.cmdlets]);
      expect(script).toMatch(new RegExp(`New-TrimmedRole "[^"]+" '${role.parent}' \\$${name}\n`));
    }
    const readOnlyBlock = script.slice(script.indexOf("if (-not $ReadOnly) {"), script.indexOf("# 3. The role group"));
    for (const name of Object.keys(EXCHANGE_MIGRATION_ROLES)) expect(readOnlyBlock).toContain(`$${name}`);
  });

  it("covers every cmdlet the product runs; Set-TransportConfig is left out because no flow calls it", () => {
    const gateway = ["exchange-gateway.ts", "invoke-command-migration-gateway.ts"].map((f) => readFileSync(join(ROOT, "shared/m365", f), "utf8")).join("\n");
    const called = [...new Set([...gateway.matchAll(/cmdlet: "([A-Za-z-]+)"/g)].map((m) => m[1] ?? ""))];
    const granted: string[] = [...EXCHANGE_READ_CMDLETS, ...EXCHANGE_WRITE_CMDLETS, ...Object.values(EXCHANGE_MIGRATION_ROLES).flatMap((r) => r.cmdlets)];
    expect(called.filter((c) => !granted.includes(c))).toEqual(["Set-TransportConfig"]);
    const callers = ["shared/remediation", "shared/steps", "shared/audit", "functions"].flatMap((dir) => filesContaining(join(ROOT, dir), "setOrgSmtpAuthDisabled"));
    expect(callers).toEqual([]);
  });
});

function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return filesContaining(path, needle);
    return readFileSync(path, "utf8").includes(needle) ? [path] : [];
  });
}
