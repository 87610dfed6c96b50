/**
 * Directory objects beyond users: role-assignable groups and custom role definitions. Group members
 * are kept as UPNs and resolved at read time, so a group may name a mailbox created after it.
 */

/** A group as `PUT /_sim/tenants/{t}/groups/{groupId}` sets it. */
export interface GroupRecord {
  id: string;
  displayName: string;
  /** Only role-assignable groups may hold directory roles (Entra refuses the assignment otherwise). */
  isAssignableToRole: boolean;
  /** Roles assigned to the group (active): every member holds them. */
  roles: string[];
  /** Roles the group is PIM-eligible for. */
  eligibleRoles: string[];
  /** Member UPNs, lower-case. */
  members: string[];
  /** UPNs (lower-case) PIM-eligible to become members (PIM for Groups): one activation from the group's roles. */
  eligibleMembers: string[];
}

/** A custom directory role: Microsoft computes isPrivileged from its actions; the simulator takes it as given. */
export interface CustomRoleRecord {
  displayName: string;
  isPrivileged: boolean;
  allowedResourceActions: string[];
}
