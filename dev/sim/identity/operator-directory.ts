/** An operator the simulator's sign-in page offers. */
export interface KnownOperator {
  upn: string;
  roles: string[];
  oid?: string;
  name?: string;
}

/**
 * The operators' Entra tenant as the sign-in page shows it: people registered with
 * `POST /_sim/operators`, and everyone `POST /_sim/operator-tokens` issued a token for.
 */
export class OperatorDirectory {
  private readonly byUpn = new Map<string, KnownOperator>();

  /** Adds or replaces an operator (the same UPN keeps one entry). */
  register(operator: KnownOperator): KnownOperator {
    const entry: KnownOperator = { upn: operator.upn.toLowerCase(), roles: [...operator.roles], ...(operator.oid ? { oid: operator.oid } : {}), ...(operator.name ? { name: operator.name } : {}) };
    this.byUpn.set(entry.upn, entry);
    return entry;
  }

  get(upn: string): KnownOperator | undefined {
    return this.byUpn.get(upn.toLowerCase());
  }

  list(): KnownOperator[] {
    return [...this.byUpn.values()].sort((a, b) => a.upn.localeCompare(b.upn));
  }
}
