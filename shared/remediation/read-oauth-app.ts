import type { MailboxState } from "../domain/mailbox-state";
import { oauthChecks, type OAuthAppReads, type OAuthCheck, type StepReading } from "../domain/oauth-checks";
import type { StepName } from "../domain/types";
import type { TenantGateways } from "../m365/m365-gateway";
import { STEPS, type StepTarget } from "../steps";

/** One step's own read (read-only), with a failed read kept as unknown and its reason. */
async function readStep(name: StepName, gw: TenantGateways, target: StepTarget): Promise<StepReading> {
  const step = STEPS[name];
  try {
    const value = await step.read(gw, target);
    return { known: true, value: { right: step.isRight(value), value } };
  } catch (e) {
    return { known: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The oauth-app path's checks for a mailbox, read through the path's own step reads (Get-ServicePrincipal,
 * Get-MailboxPermission) so diagnosis and the move judge alike; SMTP AUTH comes from the state already read.
 */
export async function readOAuthChecks(gw: TenantGateways, state: MailboxState, appId: string | undefined): Promise<OAuthCheck[]> {
  if (!appId) return oauthChecks(state);
  const target: StepTarget = { mailbox: state.mailbox, userId: state.userId, migration: { path: "oauth-app", appId } };
  const registration = await readStep("register-exchange-service-principal", gw, target);
  const mailboxAccess = await readStep("grant-app-mailbox-access", gw, target);
  const app: OAuthAppReads = { appId, registration, mailboxAccess };
  return oauthChecks(state, app);
}
