import type { OperatorRole } from "./operator-roles";

/** A signed-in person, as their validated access token names them. */
export interface Operator {
  /** Entra object id: stable for the person, unlike the UPN. */
  oid: string;
  upn: string;
  name?: string;
  roles: OperatorRole[];
  /** Entra group object ids from the token's `groups` claim (lower case), for tenants' operatorGroups. */
  groups: string[];
}

/** Who asked or decided, as stored on requests, events and exceptions. */
export interface OperatorRef {
  oid: string;
  upn: string;
}

export function operatorRef(operator: Operator): OperatorRef {
  return { oid: operator.oid, upn: operator.upn };
}

/** One line for trails and registers: the UPN a person reads, the oid that does not change. */
export function describeOperator(ref: OperatorRef): string {
  return `${ref.upn} (oid ${ref.oid})`;
}

/** Same person: compared by object id, never by the UPN, which can be renamed or reused. */
export function isSameOperator(a: OperatorRef, b: OperatorRef): boolean {
  return a.oid.toLowerCase() === b.oid.toLowerCase();
}
