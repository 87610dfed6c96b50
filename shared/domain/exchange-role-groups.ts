/**
 * Exchange Online role groups (Organization Management, Recipient Management, ...) grant admin power
 * inside Exchange without any Entra role: Recipient Management alone may run Set-CASMailbox for
 * anyone. Deny by default, as for directory roles: every role group is admin power except the
 * built-in ones Microsoft documents as read-only ("Built-in role groups in Exchange Online",
 * learn.microsoft.com/exchange/permissions-exo/permissions-exo#role-groups): View-Only Organization
 * Management (view-only recipients and configuration) and Security Reader (read-only security settings).
 */
export const VIEW_ONLY_ROLE_GROUPS: readonly string[] = ["View-Only Organization Management", "Security Reader"];

const VIEW_ONLY = new Set(VIEW_ONLY_ROLE_GROUPS.map((n) => n.toLowerCase()));

/** Whether membership of the role group is admin power (any group not on the view-only allow-list). */
export function isAdminRoleGroup(name: string): boolean {
  return !VIEW_ONLY.has(name.trim().toLowerCase());
}
