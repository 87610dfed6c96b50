import { objectNotFound } from "./exchange-errors";
import type { CmdletCall, CmdletResult } from "./cmdlets";
import type { MailboxRecord } from "../state/mailbox-record";

const members = (call: CmdletCall, upns: readonly string[]): MailboxRecord[] =>
  upns.flatMap((upn) => {
    const record = call.tenant.mailboxes.find(upn);
    return record ? [record] : [];
  });

/** Get-RoleGroup [-Identity <name>]: each group with its roles and its members' names, as Exchange lists them. */
export function getRoleGroup(call: CmdletCall): CmdletResult {
  const identity = call.parameters.Identity;
  let groups = [...call.tenant.roleGroups.values()];
  if (identity !== undefined && identity !== null) {
    groups = groups.filter((g) => g.name.toLowerCase() === String(identity).toLowerCase());
    if (groups.length === 0) return { kind: "error", response: objectNotFound(String(identity), call.tenant.domain) };
  }
  const objects = groups.map((g) => ({ Name: g.name, Identity: g.name, Roles: g.roles, Members: members(call, g.members).map((m) => m.alias), RoleGroupType: "Standard" }));
  return { kind: "objects", objects, warnings: [] };
}

/** Get-RoleGroupMember -Identity <name>: the members as recipients, with their Entra object ids. */
export function getRoleGroupMember(call: CmdletCall): CmdletResult {
  const identity = String(call.parameters.Identity ?? "");
  const group = call.tenant.roleGroups.get(identity.toLowerCase());
  if (!group) return { kind: "error", response: objectNotFound(identity, call.tenant.domain) };
  const objects = members(call, group.members).map((m) => ({
    Name: m.alias,
    Identity: m.alias,
    PrimarySmtpAddress: m.userPrincipalName,
    ExternalDirectoryObjectId: m.id,
    RecipientType: "UserMailbox",
  }));
  return { kind: "objects", objects, warnings: [] };
}
