import type { StepName } from "../domain/types";
import { checkHveBillingPolicy } from "./check-hve-billing-policy";
import { createHveAccount } from "./create-hve-account";
import { createRelayConnector } from "./create-relay-connector";
import { disablePerUserMfa } from "./disable-per-user-mfa";
import { disableSecurityDefaults } from "./disable-security-defaults";
import { enableMailboxSmtpAuth } from "./enable-mailbox-smtp-auth";
import { grantAppMailboxAccess } from "./grant-app-mailbox-access";
import { registerExchangeServicePrincipal } from "./register-exchange-service-principal";
import { retireBasicAuth } from "./retire-basic-auth";
import type { RemediationStep } from "./remediation-step";

export type { RemediationStep, StepContext, StepTarget, StepRefusal, StepSetting, StepWriteTarget, WeakenedSetting } from "./remediation-step";
export { isWeakenedSetting } from "./remediation-step";
export type { StepUndo, UndoRecord } from "./step-undo";

/** Every step by name; the compiler checks that each StepName has one. */
export const STEPS: Record<StepName, RemediationStep> = {
  "disable-security-defaults": disableSecurityDefaults,
  "enable-mailbox-smtp-auth": enableMailboxSmtpAuth,
  "disable-per-user-mfa": disablePerUserMfa,
  "create-hve-account": createHveAccount,
  "check-hve-billing-policy": checkHveBillingPolicy,
  "create-relay-connector": createRelayConnector,
  "register-exchange-service-principal": registerExchangeServicePrincipal,
  "grant-app-mailbox-access": grantAppMailboxAccess,
  "retire-basic-auth": retireBasicAuth,
};
