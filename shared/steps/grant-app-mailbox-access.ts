import { appIdOf, migrationGateway } from "./migration-of";
import { privilegePrecondition } from "./privilege-precondition";
import type { RemediationStep } from "./remediation-step";
import { removeCreatedUndo } from "./remove-created-undo";

const GRANTED = "FullAccess";

/**
 * The app's access to this one mailbox: for SMTP with client credentials Microsoft documents
 * Add-MailboxPermission -AccessRights FullAccess for the service principal (learn.microsoft.com/exchange/
 * client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth);
 * RBAC for Applications covers Graph and EWS, not SMTP. Never for a privileged account's mailbox.
 */
export const grantAppMailboxAccess: RemediationStep = {
  name: "grant-app-mailbox-access",
  setting: "app-mailbox-access",
  writesTo: "mailbox-address",
  subject: (target) => target.mailbox,
  appliedValue: GRANTED,
  async read(gw, target) {
    const migration = migrationGateway(gw);
    const sp = await migration.getExchangeServicePrincipal(appIdOf(target));
    if (!sp) return "app not registered in Exchange";
    return (await migration.getMailboxAccessRights(target.mailbox, sp.objectId)).includes(GRANTED) ? GRANTED : "none";
  },
  isRight: (value) => value === GRANTED,
  precondition: privilegePrecondition("grant-app-mailbox-access"),
  async apply(gw, target) {
    const migration = migrationGateway(gw);
    const sp = await migration.getExchangeServicePrincipal(appIdOf(target));
    if (!sp) throw new Error(`The app ${appIdOf(target)} is not registered in Exchange.`);
    await migration.addMailboxFullAccess(target.mailbox, sp.objectId);
  },
  createdObjects: (target) => [{ kind: "mailbox-permission", id: target.mailbox, user: appIdOf(target), accessRights: [GRANTED] }],
  undo: removeCreatedUndo,
};
