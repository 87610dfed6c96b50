/** An operator the simulator's sign-in page offers. */
export interface KnownOperator {
  upn: string;
  roles: string[];
  oid?: string;
  name?: string;
  /** The person's mail address when it is not their UPN (Entra's `mail`). */
  email?: string;
  /** Further SMTP addresses of the person's mailbox (aliases); Graph lists them in proxyAddresses. */
  proxyAddresses?: string[];
}

/**
 * The operators' Entra tenant as the sign-in page shows it: people registered with
 * `POST /_sim/operators`, and everyone `POST /_sim/operator-tokens` issued a token for.
 */
export class OperatorDirectory {
  private readonly byUpn = new Map<string, KnownOperator>();

  /** Adds or replaces an operator (the same UPN keeps one entry). */
  register(operator: KnownOperator): KnownOperator {
    const entry: KnownOperator = {
      upn: operator.upn.toLowerCase(),
      roles: [...operator.roles],
      ...(operator.oid ? { oid: operator.oid } : {}),
      ...(operator.name ? { name: operator.name } : {}),
      ...(operator.email ? { email: operator.email } : {}),
      ...(operator.proxyAddresses ? { proxyAddresses: [...operator.proxyAddresses] } : {}),
    };
    this.byUpn.set(entry.upn, entry);
    return entry;
  }

  get(upn: string): KnownOperator | undefined {
    return this.byUpn.get(upn.toLowerCase());
  }

  /** By object id or UPN, as Graph's `/users/{id|upn}` finds a user. */
  find(idOrUpn: string): KnownOperator | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byUpn.get(key) ?? [...this.byUpn.values()].find((o) => o.oid?.toLowerCase() === key);
  }

  list(): KnownOperator[] {
    return [...this.byUpn.values()].sort((a, b) => a.upn.localeCompare(b.upn));
  }
}
