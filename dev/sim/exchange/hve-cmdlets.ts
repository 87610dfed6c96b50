import { randomGuid } from "../state/ids";
import { invalidParameter, objectNotFound, taskFailed } from "./exchange-errors";
import { failure, objects, text } from "./cmdlet-result";
import type { CmdletCall, CmdletResult } from "./cmdlets";
import type { HveAccountRecord } from "../state/migration-records";

/*
 * High Volume Email accounts (learn.microsoft.com/exchange/mail-flow-best-practices/high-volume-mails-m365):
 * New-MailUser -HVEAccount -Name -Password -PrimarySmtpAddress creates one in an accepted domain;
 * Get-MailUser -HVEAccount lists them; Get-HVEAccountBillingPolicy -Identity reports BillingPolicyStatus.
 */

function hveObject(account: HveAccountRecord): Record<string, unknown> {
  return {
    Identity: account.name,
    Name: account.name,
    PrimarySmtpAddress: account.primarySmtpAddress,
    UserPrincipalName: account.primarySmtpAddress,
    ExternalDirectoryObjectId: account.externalDirectoryObjectId,
    RecipientTypeDetails: "MailUser",
    HVEAccount: true,
    WhenCreated: account.whenCreated,
  };
}

/** Exchange's password rule for new users: at least 8 characters from 3 of upper, lower, digit, symbol. */
function meetsPasswordPolicy(password: string): boolean {
  const kinds = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return password.length >= 8 && kinds >= 3;
}

export function newMailUser(call: CmdletCall): CmdletResult {
  const p = call.parameters;
  if (p.HVEAccount !== true) return failure(invalidParameter("The simulator creates HVE mail users only: pass -HVEAccount."));
  const name = text(p.Name);
  const address = text(p.PrimarySmtpAddress).toLowerCase();
  const password = typeof p.Password === "string" ? p.Password : "";
  if (!name) return failure(invalidParameter("Cannot validate argument on parameter 'Name'. The argument is null or empty."));
  if (!/^[^@\s]+@[^@\s]+$/.test(address)) return failure(invalidParameter(`Cannot process argument transformation on parameter 'PrimarySmtpAddress'. "${address}" is not a valid SMTP address.`));
  const domain = address.split("@")[1] ?? "";
  if (domain !== call.tenant.domain.toLowerCase()) {
    return failure(taskFailed(`The domain ${domain} isn't an accepted domain for your organization.`, "Microsoft.Exchange.Configuration.Tasks.TaskException"));
  }
  if (call.tenant.hveAccounts.has(address) || call.tenant.mailboxes.find(address)) {
    return failure(taskFailed(`The proxy address "SMTP:${address}" is already being used by the proxy addresses or LegacyExchangeDN. Please choose another proxy address.`, "Microsoft.Exchange.Data.Directory.ProxyAddressExistsException"));
  }
  if (!meetsPasswordPolicy(password)) {
    return failure(taskFailed("The password does not comply with the password policy requirements.", "Microsoft.Exchange.Data.Directory.ADInvalidPasswordException"));
  }
  const account: HveAccountRecord = {
    name, primarySmtpAddress: address, externalDirectoryObjectId: randomGuid(), password,
    billingPolicyStatus: call.tenant.flags.hveBillingPolicyStatus, whenCreated: new Date().toISOString(),
  };
  const tenant = call.tenant;
  tenant.write(() => tenant.hveAccounts.set(address, account), call.propagationDelayMs);
  return objects([hveObject(account)]);
}

export function getMailUser(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity).toLowerCase();
  const accounts = [...call.tenant.hveAccounts.values()];
  if (!identity) return objects(accounts.map(hveObject));
  const account = accounts.find((a) => a.primarySmtpAddress === identity || a.name.toLowerCase() === identity);
  return account ? objects([hveObject(account)]) : failure(objectNotFound(identity, call.tenant.domain));
}

export function getHveAccountBillingPolicy(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity).toLowerCase();
  const account = call.tenant.hveAccounts.get(identity);
  if (!account) return failure(objectNotFound(identity, call.tenant.domain));
  return objects([{ Identity: account.primarySmtpAddress, BillingPolicyId: account.billingPolicyStatus === "NoProperBillingPolicyStored" ? null : randomGuid(), BillingPolicyStatus: account.billingPolicyStatus }]);
}

/** Remove-MailUser -Identity: what an undo of create-hve-account runs. */
export function removeMailUser(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity).toLowerCase();
  if (!call.tenant.hveAccounts.has(identity)) return failure(objectNotFound(identity, call.tenant.domain));
  const tenant = call.tenant;
  tenant.write(() => tenant.hveAccounts.delete(identity), call.propagationDelayMs);
  return objects([]);
}
