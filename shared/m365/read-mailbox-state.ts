import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import type { AuthPolicyVerdict, MailboxState } from "../domain/mailbox-state";
import { isPrivilegedRole } from "../domain/privileged-roles";
import type { PerUserMfaState } from "../domain/types";
import type { AuthenticationPolicy, CasMailbox, DirectoryRoleRef, DirectoryUser, GraphGateway, TenantGateways } from "./m365-gateway";
import { readBlockingCaPolicies } from "./read-ca-layer";
import { attempt, MAILBOX_NOT_FOUND, toLayer } from "./read-outcome";
import type { Outcome } from "./read-outcome";

export { describeFailure } from "./read-outcome";

/**
 * Microsoft 365 calls one read makes for an existing mailbox (tokens aside), all in one parallel
 * round except the auth-policy chain. Graph: security defaults, user, per-user MFA, directory
 * roles, CA policies. Exchange: transport config, CAS mailbox, Get-User, Get-AuthenticationPolicy,
 * and Get-OrganizationConfig (asked with Get-User; a user with a policy of their own wastes it, and
 * Get-AuthenticationPolicy follows when a policy is named). One more Graph call
 * (group memberships) only when a legacy-auth-blocking CA policy names groups.
 */
export const MAILBOX_STATE_READ_CALLS = { min: 9, max: 11 } as const;

/** Options for one read. */
export interface ReadMailboxStateOptions {
  now?: Date;
}

/** Role refs with template ids when the gateway offers them; null roleRefs means names only. */
async function readRoles(graph: GraphGateway, userKey: string): Promise<{ names: string[]; refs: DirectoryRoleRef[] | null }> {
  if (graph.getDirectoryRoleRefs) {
    const refs = await graph.getDirectoryRoleRefs(userKey);
    return { names: refs.map((r) => r.displayName), refs };
  }
  return { names: await graph.getDirectoryRoles(userKey), refs: null };
}

/**
 * Reads every layer that decides SMTP AUTH for one mailbox, in parallel. A layer whose read failed
 * is unknown with a readable reason; a missing mailbox makes the layers that hang on it unknown.
 */
export async function readMailboxState(gw: TenantGateways, mailbox: string, options: ReadMailboxStateOptions = {}): Promise<MailboxState> {
  const now = options.now ?? new Date();
  const { graph, exchange } = gw;
  const [securityDefaults, orgFlag, cas, firstUser, firstMfa, firstRoles, caPolicies, authPolicy] = await Promise.all([
    attempt(() => graph.getSecurityDefaultsEnabled()),
    attempt(() => exchange.getOrgSmtpAuthDisabled()),
    attempt(() => exchange.getCasMailbox(mailbox)),
    attempt(() => graph.getUser(mailbox)),
    attempt(() => graph.getPerUserMfaState(mailbox)),
    attempt(() => readRoles(graph, mailbox)),
    attempt(() => graph.listConditionalAccessPolicies()),
    attempt(() => exchange.getAuthenticationPolicyFor(mailbox)),
  ]);

  let user: Outcome<DirectoryUser | null> = firstUser;
  let mfa: Outcome<PerUserMfaState> = firstMfa;
  let roles = firstRoles;
  const casMailbox: CasMailbox | null = cas.ok ? cas.value : null;
  // The address asked may be a primary SMTP address that is not the UPN: ask Entra by object id.
  if (user.ok && user.value === null && casMailbox?.externalDirectoryObjectId) {
    const id = casMailbox.externalDirectoryObjectId;
    [user, mfa, roles] = await Promise.all([
      attempt(() => graph.getUser(id)),
      attempt(() => graph.getPerUserMfaState(id)),
      attempt(() => readRoles(graph, id)),
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
  const privilegedRoles: Layer<string[]> = roles.ok
    ? known([...new Set(roles.value.names.filter(isPrivilegedRole))])
    : unknown(roles.reason);
  const blockingCaPolicies = await readBlockingCaPolicies(graph, {
    policies: caPolicies,
    user,
    roles: roles.ok ? (roles.value.refs ? { ok: true, value: roles.value.refs } : null) : roles,
  });

  return {
    tenantId: gw.tenantId,
    mailbox,
    userId: directoryUser?.id ?? null,
    readAt: now.toISOString(),
    securityDefaultsEnabled: toLayer(securityDefaults),
    orgSmtpAuthDisabled: toLayer(orgFlag),
    mailboxExists,
    mailboxSmtpAuthDisabled: mailboxFlag,
    perUserMfaState: ifUserExists(toLayer(mfa)),
    accountEnabled: fromUser((u) => u.accountEnabled),
    exchangeLicensed: fromUser((u) => u.exchangeLicensed),
    privilegedRoles: ifUserExists(privilegedRoles),
    blockingCaPolicies,
    authPolicy: mailboxMissing ? unknown(MAILBOX_NOT_FOUND) : authPolicyLayer(authPolicy),
  };
}

function authPolicyLayer(read: Outcome<AuthenticationPolicy | null>): Layer<AuthPolicyVerdict> {
  if (!read.ok) return unknown(read.reason);
  // No policy in force means nothing blocks basic auth at this layer.
  if (read.value === null) return known({ policyName: null, allowBasicAuthSmtp: true });
  return known({ policyName: read.value.name, allowBasicAuthSmtp: read.value.allowBasicAuthSmtp });
}
