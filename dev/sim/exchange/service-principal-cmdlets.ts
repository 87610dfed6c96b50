import { invalidParameter, objectNotFound, taskFailed } from "./exchange-errors";
import { failure, list, objects, text } from "./cmdlet-result";
import type { CmdletCall, CmdletResult } from "./cmdlets";
import type { ExchangeServicePrincipalRecord } from "../state/migration-records";

/*
 * An app's way into mailboxes over SMTP/IMAP/POP with client credentials, as Microsoft documents it
 * (learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth,
 * "Register service principals in Exchange"): New-ServicePrincipal -AppId -ObjectId (the enterprise
 * application's object id), then Add-MailboxPermission -Identity <mailbox> -User <that id> -AccessRights FullAccess.
 */

function principalObject(sp: ExchangeServicePrincipalRecord): Record<string, unknown> {
  return { Identity: sp.objectId, AppId: sp.appId, ObjectId: sp.objectId, ServiceId: sp.objectId, DisplayName: sp.displayName };
}

/** The Exchange service principal an identity names: object id, app id or display name. */
function findPrincipal(call: CmdletCall, identity: string): ExchangeServicePrincipalRecord | undefined {
  const key = identity.toLowerCase();
  return [...call.tenant.exchangeServicePrincipals.values()].find((sp) => sp.objectId.toLowerCase() === key || sp.appId.toLowerCase() === key || sp.displayName.toLowerCase() === key);
}

export function getServicePrincipal(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity);
  if (!identity) return objects([...call.tenant.exchangeServicePrincipals.values()].map(principalObject));
  const sp = findPrincipal(call, identity);
  return sp ? objects([principalObject(sp)]) : failure(objectNotFound(identity, call.tenant.domain));
}

export function newServicePrincipal(call: CmdletCall): CmdletResult {
  const appId = text(call.parameters.AppId).toLowerCase();
  // -ServiceId is the parameter's older name, still taken.
  const objectId = (text(call.parameters.ObjectId) || text(call.parameters.ServiceId)).toLowerCase();
  if (!appId) return failure(invalidParameter("Cannot validate argument on parameter 'AppId'. The argument is null or empty."));
  if (!objectId) return failure(invalidParameter("Cannot validate argument on parameter 'ObjectId'. The argument is null or empty."));
  const app = call.tenant.applications.get(appId);
  if (!app || app.servicePrincipalId.toLowerCase() !== objectId) {
    return failure(taskFailed(`The service principal with AppId ${appId} and ObjectId ${objectId} couldn't be found in Microsoft Entra ID.`, "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"));
  }
  if (call.tenant.exchangeServicePrincipals.has(appId)) {
    return failure(taskFailed(`A service principal with AppId ${appId} already exists.`, "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException"));
  }
  const sp: ExchangeServicePrincipalRecord = { appId, objectId, displayName: text(call.parameters.DisplayName) || app.displayName };
  const tenant = call.tenant;
  tenant.write(() => tenant.exchangeServicePrincipals.set(appId, sp), call.propagationDelayMs);
  return objects([principalObject(sp)]);
}

/** Remove-ServicePrincipal -Identity: what an undo of register-exchange-service-principal runs. */
export function removeServicePrincipal(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity);
  const sp = findPrincipal(call, identity);
  if (!sp) return failure(objectNotFound(identity, call.tenant.domain));
  const tenant = call.tenant;
  tenant.write(() => tenant.exchangeServicePrincipals.delete(sp.appId), call.propagationDelayMs);
  return objects([]);
}

/** A mailbox's UPN, or undefined when Exchange knows no such mailbox. */
function mailboxOf(call: CmdletCall, identity: string): string | undefined {
  const record = call.tenant.mailboxes.find(identity);
  return record?.hasMailbox ? record.userPrincipalName.toLowerCase() : undefined;
}

function permissionObject(mailbox: string, user: string, rights: string[]): Record<string, unknown> {
  return { Identity: mailbox, User: user, AccessRights: rights, IsInherited: false, Deny: false };
}

export function getMailboxPermission(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity);
  const mailbox = mailboxOf(call, identity);
  if (!mailbox) return failure(objectNotFound(identity, call.tenant.domain));
  const user = text(call.parameters.User).toLowerCase();
  const grants = call.tenant.mailboxPermissions.filter((g) => g.mailbox === mailbox && (!user || g.user === user));
  return objects(grants.map((g) => permissionObject(mailbox, g.user, g.accessRights)));
}

export function addMailboxPermission(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity);
  const mailbox = mailboxOf(call, identity);
  if (!mailbox) return failure(objectNotFound(identity, call.tenant.domain));
  const rights = list(call.parameters.AccessRights);
  if (rights.length === 0) return failure(invalidParameter("Cannot validate argument on parameter 'AccessRights'. The argument is null or empty."));
  const userParam = text(call.parameters.User);
  const sp = findPrincipal(call, userParam);
  const user = sp ? sp.objectId.toLowerCase() : mailboxOf(call, userParam);
  if (!user) return failure(taskFailed(`The user "${userParam}" couldn't be found. Check the user name and try again.`, "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"));
  const existing = call.tenant.mailboxPermissions.find((g) => g.mailbox === mailbox && g.user === user);
  if (existing && rights.every((r) => existing.accessRights.includes(r))) {
    return objects([], [`The appropriate access control entry is already present on object "${mailbox}" for account "${user}".`]);
  }
  const tenant = call.tenant;
  tenant.write(() => {
    tenant.mailboxPermissions = [...tenant.mailboxPermissions.filter((g) => g !== existing), { mailbox, user, accessRights: [...new Set([...(existing?.accessRights ?? []), ...rights])] }];
  }, call.propagationDelayMs);
  return objects([permissionObject(mailbox, user, rights)]);
}

/** Remove-MailboxPermission -Identity -User -AccessRights: what an undo of grant-app-mailbox-access runs. */
export function removeMailboxPermission(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity);
  const mailbox = mailboxOf(call, identity);
  if (!mailbox) return failure(objectNotFound(identity, call.tenant.domain));
  const userParam = text(call.parameters.User);
  const user = findPrincipal(call, userParam)?.objectId.toLowerCase() ?? mailboxOf(call, userParam) ?? userParam.toLowerCase();
  const tenant = call.tenant;
  tenant.write(() => { tenant.mailboxPermissions = tenant.mailboxPermissions.filter((g) => !(g.mailbox === mailbox && g.user === user)); }, call.propagationDelayMs);
  return objects([]);
}
