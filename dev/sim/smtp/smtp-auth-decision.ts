import { AUDIENCES, verifyAccessToken } from "../identity/access-token";
import { roleTemplateId } from "../graph/directory-roles";
import type { ConditionalAccessPolicyRecord } from "../state/tenant-records";
import { SMTP_REPLIES } from "./smtp-replies";
import type { SmtpReply } from "./smtp-replies";
import type { MailboxRecord } from "../state/mailbox-record";
import type { SimTenant } from "../state/sim-tenant";

/**
 * Result of an AUTH attempt: accepted, or the reply, plus the Entra error code of the
 * `Authenticated SMTP` sign-in it leaves in the tenant's log (null: it leaves none).
 */
export type SmtpAuthDecision =
  | { accepted: true; signInErrorCode: 0 | null }
  | { accepted: false; reply: SmtpReply; signInErrorCode: number | null };

const reject = (reply: SmtpReply, signInErrorCode: number | null = 0): SmtpAuthDecision => ({ accepted: false, reply, signInErrorCode });

/**
 * Basic auth (LOGIN/PLAIN), checked in this order — see dev/sim/README.md for why:
 * the user, a federated identity provider that is down (it would check the password),
 * credentials (lockout, password, disabled account), basic-auth retirement, the
 * authentication policy, Exchange's SmtpClientAuthenticationDisabled (mailbox, then org), then
 * Entra's sign-in policies (security defaults, per-user MFA, Conditional Access), then the mailbox.
 */
export function decideBasicAuth(tenant: SimTenant | undefined, record: MailboxRecord | undefined, password: string): SmtpAuthDecision {
  if (!tenant || !record) return reject(SMTP_REPLIES.wrongCredentials, null);
  // No sign-in record: Entra never got the IdP's answer, so the attempt is not logged as a sign-in.
  if (tenant.flags.federatedStsUnreachable) return reject(SMTP_REPLIES.federatedStsUnreachable, null);
  if (record.locked) return reject(SMTP_REPLIES.accountLocked, 50053);
  if (password !== record.password) return reject(SMTP_REPLIES.wrongCredentials, 50126);
  if (!record.accountEnabled) return reject(SMTP_REPLIES.generic, 50057);
  if (tenant.flags.basicAuthRetired || tenant.flags.basicAuthSmtpDefaultOff) return reject(SMTP_REPLIES.basicAuthRetired);
  if (tenant.effectiveAuthenticationPolicy(record.authenticationPolicy)?.allowBasicAuthSmtp === false) {
    return reject(SMTP_REPLIES.basicAuthDisabled);
  }
  const exchange = exchangeSettingsBlock(tenant, record);
  if (exchange) return reject(exchange);
  if (tenant.flags.securityDefaults) return reject(SMTP_REPLIES.securityDefaults, 50076);
  if (record.perUserMfaState === "enforced") return reject(SMTP_REPLIES.criteriaNotMet, 50076);
  if (conditionalAccessBlocks(tenant, record)) return reject(SMTP_REPLIES.criteriaNotMet, 53003);
  if (!record.hasMailbox || !record.licensed) return reject(SMTP_REPLIES.generic);
  return { accepted: true, signInErrorCode: 0 };
}

/**
 * XOAUTH2: a simulator token for the Exchange audience and the user's tenant; only Exchange's own
 * settings apply. The sign-in was the token request, so submission logs no `Authenticated SMTP` entry.
 */
export function decideOAuth(tokenKey: Buffer, tenant: SimTenant | undefined, record: MailboxRecord | undefined, accessToken: string): SmtpAuthDecision {
  const claims = verifyAccessToken(tokenKey, accessToken);
  if (!tenant || !record || typeof claims === "string") return reject(SMTP_REPLIES.generic, null);
  if (claims.aud !== AUDIENCES.exchange || claims.tid.toLowerCase() !== tenant.tenantId.toLowerCase()) return reject(SMTP_REPLIES.generic, null);
  if (!record.accountEnabled) return reject(SMTP_REPLIES.generic, null);
  const exchange = exchangeSettingsBlock(tenant, record);
  if (exchange) return reject(exchange, null);
  if (!record.hasMailbox || !record.licensed) return reject(SMTP_REPLIES.generic, null);
  return { accepted: true, signInErrorCode: null };
}

function exchangeSettingsBlock(tenant: SimTenant, record: MailboxRecord): SmtpReply | undefined {
  if (record.smtpClientAuthenticationDisabled === true) return SMTP_REPLIES.mailboxDisabled;
  if (record.smtpClientAuthenticationDisabled === null && tenant.flags.orgSmtpAuthDisabled) return SMTP_REPLIES.tenantDisabled;
  return undefined;
}

/** Whether an enabled CA policy blocks legacy ("other") clients for this user. */
export function conditionalAccessBlocks(tenant: SimTenant, record: MailboxRecord): boolean {
  const roleIds = new Set(tenant.activeRolesOf(record).map(roleTemplateId));
  const groupIds = new Set(tenant.groupsOf(record).map((g) => g.id));
  return [...tenant.conditionalAccess.values()].some((policy) => {
    if (policy.state !== "enabled" || !policy.grantControls?.builtInControls.includes("block")) return false;
    const apps = policy.conditions.clientAppTypes;
    if (!apps.includes("other") && !apps.includes("all")) return false;
    if (!signInMatchesConditions(policy)) return false;
    const users = policy.conditions.users;
    const inScope = (ids: string[], set: Set<string>): boolean => ids.some((id) => set.has(id.toLowerCase()));
    const included = users.includeUsers.includes("All") || users.includeUsers.includes(record.id) || inScope(users.includeRoles, roleIds) || inScope(users.includeGroups, groupIds);
    const excluded = users.excludeUsers.includes(record.id) || inScope(users.excludeRoles, roleIds) || inScope(users.excludeGroups, groupIds);
    return included && !excluded;
  });
}

const EXCHANGE_ONLINE = "00000002-0000-0ff1-ce00-000000000000";

/**
 * App, location and platform as Entra judges them for an SMTP AUTH sign-in: the app is Exchange
 * Online; the simulator's clients sign in from an address in no named location (so "All" minus
 * exclusions applies, a list of named locations does not); the platform is not reported (so
 * "all" minus exclusions applies, a list of platforms does not).
 */
function signInMatchesConditions(policy: ConditionalAccessPolicyRecord): boolean {
  const { applications, locations, platforms } = policy.conditions;
  const has = (list: string[], value: string): boolean => list.some((v) => v.toLowerCase() === value.toLowerCase());
  const exchange = (list: string[]): boolean => has(list, EXCHANGE_ONLINE) || has(list, "Office365");
  if (exchange(applications.excludeApplications) || !(has(applications.includeApplications, "All") || exchange(applications.includeApplications))) return false;
  if (locations && locations.includeLocations.length > 0 && !has(locations.includeLocations, "All")) return false;
  if (platforms && platforms.includePlatforms.length > 0 && !has(platforms.includePlatforms, "all")) return false;
  return true;
}
