import { authenticationPolicyObject, casMailboxObject, organizationConfigObject, transportConfigObject, userObject } from "./exchange-objects";
import { invalidParameter, objectNotFound } from "./exchange-errors";
import { getRoleGroup, getRoleGroupMember } from "./role-group-cmdlets";
import { getHveAccountBillingPolicy, getMailUser, newMailUser, removeMailUser } from "./hve-cmdlets";
import { getMessageTraceV2 } from "./message-trace-cmdlets";
import { getInboundConnector, newInboundConnector, removeInboundConnector } from "./connector-cmdlets";
import { addMailboxPermission, getMailboxPermission, getServicePrincipal, newServicePrincipal, removeMailboxPermission, removeServicePrincipal } from "./service-principal-cmdlets";
import type { SimResponse } from "../http/sim-http";
import type { AcceptedPermissions } from "../state/app-consent";
import type { MailboxRecord } from "../state/mailbox-record";
import type { SimTenant } from "../state/sim-tenant";

/** Get-CASMailbox / Get-User return this many objects unless ResultSize says otherwise. */
export const DEFAULT_RESULT_SIZE = 1000;

/** What a cmdlet produced: objects, a listing to page through, or an error reply. */
export type CmdletResult =
  | { kind: "objects"; objects: Array<Record<string, unknown>>; warnings: string[] }
  | { kind: "listing"; mailboxesOnly: boolean; resultSize: number; explicitResultSize: boolean; toObject: (r: MailboxRecord) => Record<string, unknown> }
  | { kind: "error"; response: SimResponse };

/** A cmdlet invocation against one tenant. */
export interface CmdletCall {
  tenant: SimTenant;
  parameters: Record<string, unknown>;
  propagationDelayMs: number;
}

type Cmdlet = (call: CmdletCall) => CmdletResult;

/**
 * App-only Exchange Online PowerShell (InvokeCommand) needs the Office 365 Exchange Online application
 * permission Exchange.ManageAsApp for every cmdlet (learn.microsoft.com/powershell/exchange/
 * app-only-auth-powershell-v2); which cmdlets run is then the app's RBAC role (exchangeRoleCmdlets).
 */
const APP_ONLY: AcceptedPermissions = ["Exchange.ManageAsApp"];

const objects = (list: Array<Record<string, unknown>>, warnings: string[] = []): CmdletResult => ({ kind: "objects", objects: list, warnings });
const failure = (response: SimResponse): CmdletResult => ({ kind: "error", response });

/** The cmdlets the simulator understands, by name (case-insensitive lookup in `findCmdlet`), each with the permissions it needs. */
const CMDLETS: Record<string, { run: Cmdlet; permissions: AcceptedPermissions }> = {
  "Get-CASMailbox": { run: (call) => listOrFind(call, true, casMailboxObject), permissions: APP_ONLY },
  "Get-User": { run: (call) => listOrFind(call, false, userObject), permissions: APP_ONLY },
  "Set-CASMailbox": { run: setCasMailbox, permissions: APP_ONLY },
  "Get-TransportConfig": { run: (call) => objects([transportConfigObject(call.tenant)]), permissions: APP_ONLY },
  "Set-TransportConfig": { run: setTransportConfig, permissions: APP_ONLY },
  "Get-OrganizationConfig": { run: (call) => objects([organizationConfigObject(call.tenant)]), permissions: APP_ONLY },
  "Get-AuthenticationPolicy": { run: getAuthenticationPolicy, permissions: APP_ONLY },
  "Get-RoleGroup": { run: getRoleGroup, permissions: APP_ONLY },
  "Get-RoleGroupMember": { run: getRoleGroupMember, permissions: APP_ONLY },
  "New-MailUser": { run: newMailUser, permissions: APP_ONLY },
  "Get-MailUser": { run: getMailUser, permissions: APP_ONLY },
  "Remove-MailUser": { run: removeMailUser, permissions: APP_ONLY },
  "Get-HVEAccountBillingPolicy": { run: getHveAccountBillingPolicy, permissions: APP_ONLY },
  "Get-InboundConnector": { run: getInboundConnector, permissions: APP_ONLY },
  "New-InboundConnector": { run: newInboundConnector, permissions: APP_ONLY },
  "Remove-InboundConnector": { run: removeInboundConnector, permissions: APP_ONLY },
  "Get-ServicePrincipal": { run: getServicePrincipal, permissions: APP_ONLY },
  "New-ServicePrincipal": { run: newServicePrincipal, permissions: APP_ONLY },
  "Remove-ServicePrincipal": { run: removeServicePrincipal, permissions: APP_ONLY },
  "Get-MailboxPermission": { run: getMailboxPermission, permissions: APP_ONLY },
  "Add-MailboxPermission": { run: addMailboxPermission, permissions: APP_ONLY },
  "Remove-MailboxPermission": { run: removeMailboxPermission, permissions: APP_ONLY },
  "Get-MessageTraceV2": { run: getMessageTraceV2, permissions: APP_ONLY },
};

/** The cmdlet, its canonical name and permissions, or undefined when Exchange would not recognise it. */
export function findCmdlet(name: string): { name: string; run: Cmdlet; permissions: AcceptedPermissions } | undefined {
  const canonical = Object.keys(CMDLETS).find((k) => k.toLowerCase() === name.toLowerCase());
  const entry = canonical ? CMDLETS[canonical] : undefined;
  return canonical && entry ? { name: canonical, ...entry } : undefined;
}

function listOrFind(call: CmdletCall, mailboxesOnly: boolean, toObject: (r: MailboxRecord) => Record<string, unknown>): CmdletResult {
  const identity = call.parameters.Identity;
  if (identity !== undefined && identity !== null) {
    const record = findRecord(call, String(identity), mailboxesOnly);
    return record ? objects([toObject(record)]) : failure(objectNotFound(String(identity), call.tenant.domain));
  }
  const raw = call.parameters.ResultSize;
  if (raw === undefined) return { kind: "listing", mailboxesOnly, resultSize: DEFAULT_RESULT_SIZE, explicitResultSize: false, toObject };
  if (typeof raw === "string" && raw.toLowerCase() === "unlimited") {
    return { kind: "listing", mailboxesOnly, resultSize: Number.POSITIVE_INFINITY, explicitResultSize: true, toObject };
  }
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) {
    return failure(invalidParameter(`Cannot bind parameter 'ResultSize'. Cannot convert value "${String(raw)}" to type "Microsoft.Exchange.Data.Unlimited\`1[System.UInt32]".`));
  }
  return { kind: "listing", mailboxesOnly, resultSize: size, explicitResultSize: true, toObject };
}

function setCasMailbox(call: CmdletCall): CmdletResult {
  const identity = String(call.parameters.Identity ?? "");
  if (!identity) return failure(invalidParameter("Cannot validate argument on parameter 'Identity'. The argument is null or empty."));
  const record = findRecord(call, identity, true);
  if (!record) return failure(objectNotFound(identity, call.tenant.domain));
  if (!("SmtpClientAuthenticationDisabled" in call.parameters)) return objects([], [unchangedWarning(identity)]);
  const value = call.parameters.SmtpClientAuthenticationDisabled;
  if (value !== null && typeof value !== "boolean") {
    return failure(invalidParameter(`Cannot process argument transformation on parameter 'SmtpClientAuthenticationDisabled'. Cannot convert value "${String(value)}" to type "System.Nullable\`1[System.Boolean]".`));
  }
  if (record.smtpClientAuthenticationDisabled === value) return objects([], [unchangedWarning(identity)]);
  const tenant = call.tenant;
  tenant.write(() => tenant.mailboxes.update(record.index, { smtpClientAuthenticationDisabled: value }), call.propagationDelayMs);
  return objects([]);
}

function setTransportConfig(call: CmdletCall): CmdletResult {
  const value = call.parameters.SmtpClientAuthenticationDisabled;
  if (value === undefined) return objects([], [unchangedWarning("Transport Settings")]);
  if (typeof value !== "boolean") {
    return failure(invalidParameter(`Cannot process argument transformation on parameter 'SmtpClientAuthenticationDisabled'. Cannot convert value "${String(value)}" to type "System.Boolean".`));
  }
  const tenant = call.tenant;
  if (tenant.flags.orgSmtpAuthDisabled === value) return objects([], [unchangedWarning("Transport Settings")]);
  tenant.write(() => { tenant.flags.orgSmtpAuthDisabled = value; }, call.propagationDelayMs);
  return objects([]);
}

function getAuthenticationPolicy(call: CmdletCall): CmdletResult {
  const identity = call.parameters.Identity;
  const policies = [...call.tenant.authenticationPolicies.values()];
  if (identity === undefined || identity === null) return objects(policies.map(authenticationPolicyObject));
  const policy = call.tenant.authenticationPolicies.get(String(identity).toLowerCase());
  return policy ? objects([authenticationPolicyObject(policy)]) : failure(objectNotFound(String(identity), call.tenant.domain));
}

function findRecord(call: CmdletCall, identity: string, mailboxesOnly: boolean): MailboxRecord | undefined {
  const record = call.tenant.mailboxes.find(identity);
  return record && (!mailboxesOnly || record.hasMailbox) ? record : undefined;
}

function unchangedWarning(identity: string): string {
  return `The command completed successfully but no settings of '${identity}' have been modified.`;
}
