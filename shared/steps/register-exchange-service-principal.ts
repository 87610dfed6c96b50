import { appIdOf, migrationGateway } from "./migration-of";
import type { RemediationStep } from "./remediation-step";
import { removeCreatedUndo } from "./remove-created-undo";

/**
 * The app's service principal registered in Exchange (New-ServicePrincipal -AppId -ObjectId), the
 * first step Microsoft documents for SMTP with client credentials (learn.microsoft.com/exchange/
 * client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
 * It gives no access by itself.
 */
export const registerExchangeServicePrincipal: RemediationStep = {
  name: "register-exchange-service-principal",
  setting: "exchange-service-principal",
  writesTo: "tenant",
  subject: appIdOf,
  appliedValue: "registered",
  async read(gw, target) {
    return (await migrationGateway(gw).getExchangeServicePrincipal(appIdOf(target))) ? "registered" : "not registered";
  },
  isRight: (value) => value === "registered",
  async precondition(gw, target) {
    const appId = appIdOf(target);
    if (await migrationGateway(gw).findAppServicePrincipal(appId)) return null;
    return { code: "app-not-in-tenant", reason: `No enterprise application for app ${appId} in this tenant: register the app there (or consent to it) and give it SMTP.SendAsApp, then ask again.` };
  },
  async apply(gw, target) {
    const migration = migrationGateway(gw);
    const app = await migration.findAppServicePrincipal(appIdOf(target));
    if (!app) throw new Error(`The app ${appIdOf(target)} has no service principal in the tenant.`);
    await migration.newExchangeServicePrincipal({ appId: app.appId, objectId: app.id, displayName: app.displayName });
  },
  createdObjects: (target) => [{ kind: "exchange-service-principal", id: appIdOf(target) }],
  undo: removeCreatedUndo,
};
