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
  /** Every address the token names for the person (upn, preferred_username, email, unique_name), lower case. */
  addresses: string[];
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

/**
 * Whether an e-mail address (a ticket's requester) is one of the operator's own: any address their
 * token names, compared without case and without a `+tag`, which Exchange delivers to the same mailbox.
 */
export function isOperatorAddress(operator: Pick<Operator, "addresses">, address: string | undefined): boolean {
  if (!address) return false;
  const wanted = withoutSubaddress(address);
  return operator.addresses.some((own) => withoutSubaddress(own) === wanted);
}

function withoutSubaddress(address: string): string {
  const normal = address.trim().toLowerCase();
  const at = normal.lastIndexOf("@");
  if (at < 0) return normal;
  return `${normal.slice(0, at).replace(/\+.*$/, "")}${normal.slice(at)}`;
}

/** Same person: compared by object id, never by the UPN, which can be renamed or reused. */
export function isSameOperator(a: OperatorRef, b: OperatorRef): boolean {
  return a.oid.toLowerCase() === b.oid.toLowerCase();
}
