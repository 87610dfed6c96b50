import { MailboxStore } from "./mailbox-store";
import { tenantIdPrefix } from "./ids";
import { defaultFlags } from "./tenant-records";
import type { DirectoryAuditRecord } from "./tenant-records";
import type { CustomRoleRecord, GroupRecord } from "./directory-records";
import { builtInRoleGroups } from "./role-group-records";
import type { MailboxRecord } from "./mailbox-record";
import type {
  AuthenticationPolicyRecord,
  ConditionalAccessPolicyRecord,
  SignInRecord,
  TenantFlags,
} from "./tenant-records";

/** Sign-in records kept per tenant; older ones fall off. */
export const MAX_SIGN_INS = 5_000;

interface PendingWrite {
  visibleAt: number;
  apply: () => void;
}

/** One simulated Microsoft 365 tenant: directory, Exchange settings, policies and sign-ins. */
export class SimTenant {
  readonly idPrefix: string;
  readonly mailboxes: MailboxStore;
  flags: TenantFlags = defaultFlags();
  readonly conditionalAccess = new Map<string, ConditionalAccessPolicyRecord>();
  readonly authenticationPolicies = new Map<string, AuthenticationPolicyRecord>();
  /** Groups by lower-case id. */
  readonly groups = new Map<string, GroupRecord>();
  /** Exchange role groups by lower-case name, the built-in ones from the start. */
  readonly roleGroups = builtInRoleGroups();
  /** Custom role definitions by lower-case display name. */
  readonly customRoles = new Map<string, CustomRoleRecord>();
  signIns: SignInRecord[] = [];
  /** Entra's directory audit log (Conditional Access and security defaults changes), oldest first. */
  readonly directoryAudits: DirectoryAuditRecord[] = [];
  /** When each sign-in becomes readable through Graph (the log's lag); absent = at once. */
  private readonly signInVisibleAt = new WeakMap<SignInRecord, number>();
  private pending: PendingWrite[] = [];

  constructor(
    readonly tenantId: string,
    readonly domain: string,
    generatedMailboxes: number,
  ) {
    this.idPrefix = tenantIdPrefix(tenantId);
    this.mailboxes = new MailboxStore(this.idPrefix, domain, generatedMailboxes);
  }

  /**
   * Applies a write made through Graph or Exchange. With a propagation delay the change stays
   * invisible to every reader until the delay has passed, as Exchange's replication does.
   */
  write(apply: () => void, propagationDelayMs: number, now = Date.now()): void {
    if (propagationDelayMs <= 0 && this.pending.length === 0) {
      apply();
      return;
    }
    this.pending.push({ visibleAt: now + Math.max(0, propagationDelayMs), apply });
  }

  /** Makes due writes visible, in the order they were made. Called before every read. */
  settle(now = Date.now()): this {
    while (this.pending.length > 0 && (this.pending[0]?.visibleAt ?? Infinity) <= now) {
      this.pending.shift()?.apply();
    }
    return this;
  }

  /** Records an SMTP sign-in (bounded); with a delay it reaches Graph's log only after that long. */
  addSignIn(record: SignInRecord, logDelayMs = 0, now = Date.now()): void {
    this.signIns.push(record);
    if (logDelayMs > 0) this.signInVisibleAt.set(record, now + logDelayMs);
    if (this.signIns.length > MAX_SIGN_INS) this.signIns.splice(0, this.signIns.length - MAX_SIGN_INS);
  }

  /** The groups a user is a member of (groups do not nest here: role-assignable groups cannot hold groups). */
  groupsOf(record: MailboxRecord): GroupRecord[] {
    const upn = record.userPrincipalName.toLowerCase();
    return [...this.groups.values()].filter((g) => g.members.includes(upn));
  }

  /** Roles a user holds actively: assigned directly or through a role-assignable group. */
  activeRolesOf(record: MailboxRecord): string[] {
    return [...new Set([...record.roles, ...this.groupsOf(record).flatMap((g) => g.roles)])];
  }

  /** The sign-ins Graph's /auditLogs/signIns shows by now. */
  loggedSignIns(now = Date.now()): SignInRecord[] {
    return this.signIns.filter((s) => (this.signInVisibleAt.get(s) ?? 0) <= now);
  }

  /** The authentication policy in force for a user: their own, else the org default. */
  effectiveAuthenticationPolicy(userPolicy: string | null): AuthenticationPolicyRecord | undefined {
    const name = userPolicy ?? this.flags.defaultAuthenticationPolicy;
    return name === null ? undefined : this.authenticationPolicies.get(name.toLowerCase());
  }

  /** The control API's summary of the tenant. */
  summary(): Record<string, unknown> {
    return {
      tenantId: this.tenantId,
      domain: this.domain,
      mailboxCount: this.mailboxes.size,
      ...this.flags,
      conditionalAccessPolicies: this.conditionalAccess.size,
      groups: this.groups.size,
      customRoles: [...this.customRoles.values()],
      authenticationPolicies: [...this.authenticationPolicies.values()],
      signIns: this.signIns.length,
      pendingWrites: this.pending.length,
    };
  }
}
