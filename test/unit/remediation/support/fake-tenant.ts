import type { PerUserMfaState } from "../../../../shared/domain/types";
import { M365Error } from "../../../../shared/m365/m365-error";
import type { CasMailbox, ExchangeGateway, GraphGateway, TenantGateways } from "../../../../shared/m365/m365-gateway";

/**
 * An in-memory tenant behind the gateway ports, for unit tests of the worker only. Writes count,
 * can stay invisible for a number of reads (Exchange propagation), and calls can be made to fail.
 */
export class FakeTenant {
  securityDefaults = true;
  orgSmtpAuthDisabled = true;
  mailboxSmtpAuthDisabled: boolean | null = true;
  mfa: PerUserMfaState = "enforced";
  roles: string[] = [];
  /** Role reads fail with this error (a 403 for an app without RoleManagement.Read.Directory, a 503...). */
  roleReadError: M365Error | null = null;
  writes: string[] = [];
  /** The Entra user the mailbox's address resolves to in Exchange (an alias moved to another mailbox changes it). */
  mailboxOwner = "u1";
  /** The SMTP addresses of user u1, as Graph's proxyAddresses and Exchange's EmailAddresses list them. */
  proxyAddresses = ["SMTP:printer@contoso.com"];
  /** Get-CASMailbox calls made, failed or not. */
  casReads = 0;
  /** Reads that still see the old value after a write. */
  invisibleReads = 0;
  private pendingVisible: Array<() => void> = [];
  failNext: M365Error[] = [];

  gateways(tenantId = "t1"): TenantGateways {
    return { tenantId, graph: this.graph(), exchange: this.exchange() };
  }

  private async call<T>(read: () => T): Promise<T> {
    const failure = this.failNext.shift();
    if (failure) throw failure;
    if (this.invisibleReads > 0) {
      this.invisibleReads--;
      return read();
    }
    for (const apply of this.pendingVisible.splice(0)) apply();
    return read();
  }

  private write(name: string, apply: () => void, delayReads: number): void {
    this.writes.push(name);
    if (delayReads > 0) {
      this.invisibleReads = delayReads;
      this.pendingVisible.push(apply);
    } else apply();
  }

  propagationReads = 0;

  private graph(): GraphGateway {
    const unused = async (): Promise<never> => {
      throw new Error("not used by the worker");
    };
    return {
      getSecurityDefaultsEnabled: () => this.call(() => this.securityDefaults),
      setSecurityDefaultsEnabled: async (enabled) => this.write("security-defaults", () => (this.securityDefaults = enabled), this.propagationReads),
      getUser: async (id) => (id === "u1" ? { id, userPrincipalName: "printer@contoso.com", accountEnabled: true, exchangeLicensed: true, proxyAddresses: this.proxyAddresses } : null),
      listUsers: () => ({ [Symbol.asyncIterator]: () => ({ next: unused }) }),
      getPerUserMfaState: () => this.call(() => this.mfa),
      setPerUserMfaState: async (_id, state) => this.write("per-user-mfa", () => (this.mfa = state), this.propagationReads),
      getPerUserMfaStates: unused,
      getTransitiveGroups: () => this.call(() => []),
      listRoleGrants: (kind) => {
        if (this.roleReadError) throw this.roleReadError;
        return this.call(() => (kind === "eligible" ? [] : this.roles.map((displayName) => ({ principalId: "u1", roleDefinitionId: displayName, definition: { displayName, isBuiltIn: true } }))));
      },
      listRoleAssignableGroups: unused,
      listGroupEligibilities: () => this.call(() => []),
      listGroupMemberIds: unused,
      listConditionalAccessPolicies: unused,
      listSmtpSignIns: unused,
    };
  }

  private exchange(): ExchangeGateway {
    const cas = (): CasMailbox => ({ identity: "printer", primarySmtpAddress: "printer@contoso.com", externalDirectoryObjectId: this.mailboxOwner, emailAddresses: this.proxyAddresses, smtpClientAuthenticationDisabled: this.mailboxSmtpAuthDisabled });
    return {
      getCasMailbox: () => {
        this.casReads++;
        return this.call(cas);
      },
      setCasMailboxSmtpAuthDisabled: async (_id, disabled) => this.write("mailbox-smtp-auth", () => (this.mailboxSmtpAuthDisabled = disabled), this.propagationReads),
      listCasMailboxes: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
      getOrgSmtpAuthDisabled: () => this.call(() => this.orgSmtpAuthDisabled),
      setOrgSmtpAuthDisabled: async (disabled) => this.write("org-smtp-auth", () => (this.orgSmtpAuthDisabled = disabled), 0),
      getAuthenticationPolicyFor: async () => null,
      listRoleGroups: () => this.call(() => []),
      listRoleGroupMemberIds: () => this.call(() => []),
    };
  }
}
