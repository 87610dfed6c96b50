import type { StepName } from "../domain/types";
import { disablePerUserMfa } from "./disable-per-user-mfa";
import { disableSecurityDefaults } from "./disable-security-defaults";
import { enableMailboxSmtpAuth } from "./enable-mailbox-smtp-auth";
import type { RemediationStep } from "./remediation-step";

export type { RemediationStep, StepTarget, StepRefusal, WeakenedSetting } from "./remediation-step";
export type { StepUndo, UndoRecord } from "./step-undo";

/** Every step by name; the compiler checks that each StepName has one. */
export const STEPS: Record<StepName, RemediationStep> = {
  "disable-security-defaults": disableSecurityDefaults,
  "enable-mailbox-smtp-auth": enableMailboxSmtpAuth,
  "disable-per-user-mfa": disablePerUserMfa,
};
