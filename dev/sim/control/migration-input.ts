import { randomGuid } from "../state/ids";
import { ControlInputError } from "./control-input";
import type { AppRegistrationRecord, ExchangeServicePrincipalRecord } from "../state/migration-records";
import type { SimTenant } from "../state/sim-tenant";

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** PUT /_sim/tenants/{id}/applications/{appId} `{"secret","displayName"?,"exchangeRoles"?}`: an app registered (and consented) in the tenant. */
export function applicationFrom(tenant: SimTenant, appId: string, body: Record<string, unknown>): AppRegistrationRecord {
  if (!/^[0-9a-f-]{36}$/i.test(appId)) throw new ControlInputError("the app id must be a GUID");
  if (typeof body.secret !== "string" || body.secret.length < 8) throw new ControlInputError("secret must be a string of at least 8 characters");
  if (body.displayName !== undefined && typeof body.displayName !== "string") throw new ControlInputError("displayName must be a string");
  if (body.exchangeRoles !== undefined && !isStringArray(body.exchangeRoles)) throw new ControlInputError("exchangeRoles must be an array of strings");
  const existing = tenant.applications.get(appId.toLowerCase());
  return {
    appId: appId.toLowerCase(),
    servicePrincipalId: existing?.servicePrincipalId ?? randomGuid(),
    displayName: (body.displayName as string | undefined) ?? existing?.displayName ?? `app ${appId.slice(0, 8)}`,
    secret: body.secret,
    exchangeRoles: (body.exchangeRoles as string[] | undefined) ?? ["SMTP.SendAsApp"],
  };
}

/**
 * PUT /_sim/tenants/{id}/exchange-service-principals/{appId} `{"mailboxes"?}`: what an admin's
 * New-ServicePrincipal and Add-MailboxPermission -AccessRights FullAccess would leave, in one call (tests).
 */
export function registerInExchange(tenant: SimTenant, appId: string, body: Record<string, unknown>): ExchangeServicePrincipalRecord {
  const mailboxes = body.mailboxes ?? [];
  if (!isStringArray(mailboxes)) throw new ControlInputError("mailboxes must be an array of UPNs");
  const app = tenant.applications.get(appId.toLowerCase());
  const known = tenant.exchangeServicePrincipals.get(appId.toLowerCase());
  const sp: ExchangeServicePrincipalRecord = { appId: appId.toLowerCase(), objectId: known?.objectId ?? app?.servicePrincipalId ?? randomGuid(), displayName: app?.displayName ?? appId };
  tenant.exchangeServicePrincipals.set(sp.appId, sp);
  for (const upn of mailboxes) {
    const record = tenant.mailboxes.find(upn);
    if (!record) throw new ControlInputError(`no mailbox ${upn}`);
    tenant.mailboxPermissions.push({ mailbox: record.userPrincipalName.toLowerCase(), user: sp.objectId, accessRights: ["FullAccess"] });
  }
  return sp;
}
