/**
 * Exchange Online role groups. Every tenant starts with Microsoft's built-in ones ("Built-in role
 * groups in Exchange Online", learn.microsoft.com/exchange/permissions-exo/permissions-exo), without
 * members; `PUT /_sim/tenants/{t}/role-groups/{name}` sets a group's roles and members (UPNs,
 * resolved at read time).
 */
export interface RoleGroupRecord {
  name: string;
  roles: string[];
  /** Member UPNs, lower-case. */
  members: string[];
}

const BUILT_IN: ReadonlyArray<[string, string[]]> = [
  ["Organization Management", ["Organization Configuration", "Role Management", "Mail Recipients", "Recipient Policies", "View-Only Configuration", "View-Only Recipients"]],
  ["Recipient Management", ["Mail Recipients", "Mail Recipient Creation", "Distribution Groups", "Move Mailboxes", "Reset Password"]],
  ["View-Only Organization Management", ["View-Only Configuration", "View-Only Recipients"]],
  ["Compliance Management", ["Data Loss Prevention", "Retention Management", "View-Only Audit Logs", "View-Only Configuration", "View-Only Recipients"]],
  ["Discovery Management", ["Legal Hold", "Mailbox Search"]],
  ["Help Desk", ["Reset Password", "User Options", "View-Only Recipients"]],
  ["Hygiene Management", ["Transport Hygiene", "View-Only Configuration", "View-Only Recipients"]],
  ["Records Management", ["Audit Logs", "Journaling", "Message Tracking", "Retention Management", "Transport Rules"]],
  ["Security Administrator", ["Security Admin"]],
  ["Security Operator", ["Security Admin"]],
  ["Security Reader", ["Security Reader"]],
];

/** The built-in role groups, keyed by lower-case name, none with members. */
export function builtInRoleGroups(): Map<string, RoleGroupRecord> {
  return new Map(BUILT_IN.map(([name, roles]) => [name.toLowerCase(), { name, roles: [...roles], members: [] }]));
}
