import type { MailboxSettings } from "../state/mailbox-record";
import type { TenantFlags } from "../state/tenant-records";
import { HVE_BILLING_STATUSES } from "../state/migration-records";

/** A control API input error; becomes a 400. */
export class ControlInputError extends Error {
  override readonly name = "ControlInputError";
}

type Check = (value: unknown) => boolean;
const isBool: Check = (v) => typeof v === "boolean";
const isString: Check = (v) => typeof v === "string";
const isStringOrNull: Check = (v) => v === null || typeof v === "string";
const isStringArray: Check = (v) => Array.isArray(v) && v.every((s) => typeof s === "string");
/** Permission names as Microsoft spells them: `Organization.Read.All`, `Exchange.ManageAsApp`. */
const isPermissionList: Check = (v) => Array.isArray(v) && v.length <= 100 && v.every((s) => typeof s === "string" && /^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$/.test(s));

const FLAG_CHECKS: Record<keyof TenantFlags, Check> = {
  securityDefaults: isBool,
  orgSmtpAuthDisabled: isBool,
  basicAuthRetired: isBool,
  basicAuthSmtpDefaultOff: isBool,
  federatedStsUnreachable: isBool,
  signInLogs: isBool,
  grantedPermissions: isPermissionList,
  deniedPermissions: isStringArray,
  defaultAuthenticationPolicy: isStringOrNull,
  clientId: isString,
  clientSecret: isString,
  federatedSubjects: isStringArray,
  exchangeRoleCmdlets: (v) => v === null || isStringArray(v),
  extraVerifiedDomains: isStringArray,
  rejectDirectSend: isBool,
  hveBillingPolicyStatus: (v) => (HVE_BILLING_STATUSES as readonly unknown[]).includes(v),
};

const MAILBOX_CHECKS: Record<keyof MailboxSettings, Check> = {
  smtpClientAuthenticationDisabled: (v) => v === null || typeof v === "boolean",
  perUserMfaState: (v) => v === "disabled" || v === "enabled" || v === "enforced",
  accountEnabled: isBool,
  licensed: isBool,
  roles: isStringArray,
  eligibleRoles: isStringArray,
  password: isString,
  locked: isBool,
  authenticationPolicy: isStringOrNull,
  hasMailbox: isBool,
  displayName: isString,
  restrictedSender: isBool,
  proxyAddresses: (v) => Array.isArray(v) && v.length <= 50 && v.every((s) => typeof s === "string" && /^[^@\s:]+@[^@\s]+\.[^@\s]+$/.test(s)),
};

/** The body as an object; throws ControlInputError otherwise. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ControlInputError("body must be a JSON object");
  return body as Record<string, unknown>;
}

/** The tenant flags present in a body, type-checked. */
export function pickFlags(body: Record<string, unknown>): Partial<TenantFlags> {
  return pick(body, FLAG_CHECKS) as Partial<TenantFlags>;
}

/** The mailbox settings present in a body, type-checked. */
export function pickMailboxSettings(body: Record<string, unknown>): Partial<MailboxSettings> {
  return pick(body, MAILBOX_CHECKS) as Partial<MailboxSettings>;
}

function pick(body: Record<string, unknown>, checks: Record<string, Check>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks)) {
    if (!(key in body)) continue;
    if (!check(body[key])) throw new ControlInputError(`${key} has an invalid value`);
    out[key] = body[key];
  }
  return out;
}
