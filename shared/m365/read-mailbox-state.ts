import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import type { AuthPolicyVerdict, MailboxState } from "../domain/mailbox-state";
import type { PerUserMfaState } from "../domain/types";
import type { AuthenticationPolicy, CasMailbox, DirectoryUser, GroupMembership, TenantGateways } from "./m365-gateway";
import { accountOf } from "./account-of";
import { readBlockingCaPolicies, readPendingManagedBlocks } from "./read-ca-layer";
import { readUserPrivilege } from "./read-privilege";
import type { UserPrivilegeRead } from "./read-privilege";
import { attempt, MAILBOX_NOT_FOUND, toLayer } from "./read-outcome";
import type { Outcome } from "./read-outcome";

export { describeFailure } from "./read-outcome";

/**
 * Microsoft 365 calls one read makes for an existing mailbox (tokens aside). First round, in
 * parallel: Graph security defaults, user, per-user MFA, the user's groups, CA policies; Exchange
 * transport config, CAS mailbox, Get-User, Get-AuthenticationPolicy, and Get-OrganizationConfig
 * (asked with Get-User; a user with a policy of their own wastes it). Second round, once the user's
 * id is known: role assignments, PIM eligibilities and PIM for Groups eligibilities (two more for each
 * role-assignable group the user is in or may join), Get-RoleGroup (and Get-RoleGroupMember for each
 * admin role group that has members: none in a fresh tenant).
 */
export const MAILBOX_STATE_READ_CALLS = { min: 13, max: 14 } as const;

/** Options for one read. */
export interface ReadMailboxStateOptions {
  now?: Date;
}

/**
 * Reads every layer that decides SMTP AUTH for one mailbox, in parallel. A layer whose read failed
 * is unknown with a readable reason; a missing mailbox makes the layers that hang on it unknown.
 */
export async function readMailboxState(gw: TenantGateways, mailbox: string, options: ReadMailboxStateOptions = {}): Promise<MailboxState> {
  const now = options.now ?? new Date();
  const { graph, exchange } = gw;
  const [securityDefaults, orgFlag, cas, firstUser, firstMfa, firstGroups, caPolicies, authPolicy] = await Promise.all([
    attempt(() => graph.getSecurityDefaultsEnabled()),
    attempt(() => exchange.getOrgSmtpAuthDisabled()),
    attempt(() => exchange.getCasMailbox(mailbox)),
    attempt(() => graph.getUser(mailbox)),
    attempt(() => graph.getPerUserMfaState(mailbox)),
    attempt(() => graph.getTransitiveGroups(mailbox)),
    attempt(() => graph.listConditionalAccessPolicies()),
    attempt(() => exchange.getAuthenticationPolicyFor(mailbox)),
  ]);

  let user: Outcome<DirectoryUser | null> = firstUser;
  let mfa: Outcome<PerUserMfaState> = firstMfa;
  let groups: Outcome<GroupMembership[]> = firstGroups;
  const casMailbox: CasMailbox | null = cas.ok ? cas.value : null;
  // The address asked may be a primary SMTP address that is not the UPN: ask Entra by object id.
  if (user.ok && user.value === null && casMailbox?.externalDirectoryObjectId) {
    const id = casMailbox.externalDirectoryObjectId;
    [user, mfa, groups] = await Promise.all([
      attempt(() => graph.getUser(id)),
      attempt(() => graph.getPerUserMfaState(id)),
      attempt(() => graph.getTransitiveGroups(id)),
    ]);
  }

  const directoryUser = user.ok ? user.value : null;
  const userMissing = user.ok && user.value === null;
  const mailboxMissing = cas.ok && cas.value === null;
  const fromUser = <T>(pick: (u: DirectoryUser) => T): Layer<T> => {
    if (!user.ok) return unknown(user.reason);
    return directoryUser ? known(pick(directoryUser)) : unknown(MAILBOX_NOT_FOUND);
  };
  const ifUserExists = <T>(layer: Layer<T>): Layer<T> => (userMissing ? unknown(MAILBOX_NOT_FOUND) : layer);

  let mailboxExists: Layer<boolean> = known(!mailboxMissing);
  if (!cas.ok) mailboxExists = userMissing ? known(false) : unknown(cas.reason);
  const mailboxFlag: Layer<boolean | null> = casMailbox
    ? known(casMailbox.smtpClientAuthenticationDisabled)
    : unknown(cas.ok ? MAILBOX_NOT_FOUND : cas.reason);
  // Role reads filter on the object id, so they wait for the user; a failed user read is unknown privilege.
  const privilege: UserPrivilegeRead = directoryUser
    ? await readUserPrivilege(gw, directoryUser.id, groups)
    : { privilege: user.ok ? unknown(MAILBOX_NOT_FOUND) : unknown(user.reason), activeRoleTemplateIds: null };
  const caInputs = { policies: caPolicies, user, groupIds: groups.ok ? groups.value.map((g) => g.id) : null, roleTemplateIds: privilege.activeRoleTemplateIds };
  const blockingCaPolicies = readBlockingCaPolicies(caInputs);
  const pendingManagedBlocks = readPendingManagedBlocks(caInputs);

  return {
    tenantId: gw.tenantId,
    mailbox,
    userId: directoryUser?.id ?? null,
    account: accountOf(directoryUser, casMailbox),
    readAt: now.toISOString(),
    securityDefaultsEnabled: toLayer(securityDefaults),
    orgSmtpAuthDisabled: toLayer(orgFlag),
    mailboxExists,
    mailboxSmtpAuthDisabled: mailboxFlag,
    perUserMfaState: ifUserExists(toLayer(mfa)),
    accountEnabled: fromUser((u) => u.accountEnabled),
    exchangeLicensed: fromUser((u) => u.exchangeLicensed),
    privilegedRoles: ifUserExists(privilege.privilege),
    blockingCaPolicies,
    ...(pendingManagedBlocks.length > 0 ? { pendingManagedBlocks } : {}),
    authPolicy: mailboxMissing ? unknown(MAILBOX_NOT_FOUND) : authPolicyLayer(authPolicy),
  };
}

function authPolicyLayer(read: Outcome<AuthenticationPolicy | null>): Layer<AuthPolicyVerdict> {
  if (!read.ok) return unknown(read.reason);
  // No policy in force means nothing blocks basic auth at this layer.
  if (read.value === null) return known({ policyName: null, allowBasicAuthSmtp: true });
  return known({ policyName: read.value.name, allowBasicAuthSmtp: read.value.allowBasicAuthSmtp });
}
