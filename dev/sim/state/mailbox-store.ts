import { deterministicGuid, indexFromGuid } from "./ids";
import { defaultSettings } from "./mailbox-record";
import type { MailboxRecord, MailboxSettings } from "./mailbox-record";

const GENERATED_UPN = /^user(\d{6,})@(.+)$/i;

/**
 * The mailboxes of one tenant, stored compactly: generated mailboxes are derived from their index
 * and only touched ones keep an override, so a 100,000-mailbox tenant costs almost nothing until
 * it is changed. Mailboxes added by UPN get the indexes after the generated ones.
 */
export class MailboxStore {
  private readonly overrides = new Map<number, Partial<MailboxSettings>>();
  private readonly addedUpns: string[] = [];
  private readonly addedByUpn = new Map<string, number>();

  constructor(
    private readonly idPrefix: string,
    private readonly domain: string,
    private readonly generatedCount: number,
  ) {}

  /** Number of users (with or without a mailbox). */
  get size(): number {
    return this.generatedCount + this.addedUpns.length;
  }

  /** The user at an index in directory order; the index must be below `size`. */
  at(index: number): MailboxRecord {
    const userPrincipalName = this.upnAt(index);
    const alias = userPrincipalName.split("@")[0] ?? userPrincipalName;
    const defaults = defaultSettings(this.defaultDisplayName(index, alias));
    return {
      index,
      userPrincipalName,
      id: deterministicGuid(this.idPrefix, "user", index),
      guid: deterministicGuid(this.idPrefix, "mailbox", index),
      alias,
      ...defaults,
      ...this.overrides.get(index),
    };
  }

  /** Finds a user by UPN, any proxy address, Entra id, mailbox Guid or alias (case-insensitive), as Exchange resolves an identity. */
  find(identity: string): MailboxRecord | undefined {
    const index = this.indexOf(identity.trim()) ?? this.indexOfProxyAddress(identity.trim().toLowerCase());
    return index === undefined ? undefined : this.at(index);
  }

  /** Creates the user when the UPN is new, then applies the given settings. */
  upsert(userPrincipalName: string, patch: Partial<MailboxSettings>): MailboxRecord {
    let index = this.indexOf(userPrincipalName);
    if (index === undefined) {
      index = this.size;
      this.addedUpns.push(userPrincipalName);
      this.addedByUpn.set(userPrincipalName.toLowerCase(), index);
    }
    this.update(index, patch);
    return this.at(index);
  }

  /** Applies settings to an existing user. */
  update(index: number, patch: Partial<MailboxSettings>): void {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.overrides.set(index, { ...this.overrides.get(index), ...defined });
  }

  /** Indexes of users holding or eligible for at least one directory role, in order (sparse: only touched users can). */
  indexesWithRoles(): number[] {
    return [...this.overrides.entries()]
      .filter(([, o]) => (o.roles?.length ?? 0) + (o.eligibleRoles?.length ?? 0) > 0)
      .map(([index]) => index)
      .sort((a, b) => a - b);
  }

  private upnAt(index: number): string {
    if (index < this.generatedCount) return `user${String(index + 1).padStart(6, "0")}@${this.domain}`;
    const added = this.addedUpns[index - this.generatedCount];
    if (added === undefined) throw new RangeError(`No mailbox at index ${index}`);
    return added;
  }

  private defaultDisplayName(index: number, alias: string): string {
    return index < this.generatedCount ? `User ${String(index + 1).padStart(6, "0")}` : alias;
  }

  private indexOf(identity: string): number | undefined {
    const lower = identity.toLowerCase();
    const added = this.addedByUpn.get(lower);
    if (added !== undefined) return added;
    const generated = GENERATED_UPN.exec(lower);
    if (generated?.[1] && generated[2] === this.domain.toLowerCase()) {
      const index = Number(generated[1]) - 1;
      if (index >= 0 && index < this.generatedCount && generated[1].length === 6) return index;
    }
    for (const kind of ["user", "mailbox"] as const) {
      const index = indexFromGuid(this.idPrefix, kind, lower);
      if (index !== undefined && index < this.size) return index;
    }
    return this.indexOfAlias(lower);
  }

  /** Only touched mailboxes carry proxy addresses, so the scan is over the overrides. */
  private indexOfProxyAddress(lower: string): number | undefined {
    for (const [index, override] of this.overrides) {
      if (override.proxyAddresses?.some((a) => a.toLowerCase() === lower)) return index;
    }
    return undefined;
  }

  private indexOfAlias(lowerAlias: string): number | undefined {
    if (lowerAlias.includes("@")) return undefined;
    return this.indexOf(`${lowerAlias}@${this.domain}`) ?? this.indexOfAddedAlias(lowerAlias);
  }

  private indexOfAddedAlias(lowerAlias: string): number | undefined {
    const position = this.addedUpns.findIndex((upn) => upn.toLowerCase().split("@")[0] === lowerAlias);
    return position < 0 ? undefined : this.generatedCount + position;
  }
}
