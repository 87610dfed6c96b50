/** The domain's public surface: causes catalogue, error-text reading, diagnosis and planning. Pure. */
export { CAUSE_IDS, STEP_NAMES, REQUEST_STATUSES, STEP_STATUSES, TICKET_SYSTEMS, isTerminalStatus } from "./types";
export type { CauseId, StepName, RequestStatus, StepStatus, RemediationMode, PerUserMfaState, Locale, TicketSystem, TicketRef, TenantPolicy } from "./types";
export { known, unknown, valueOr, type Layer } from "./layer";
export { effectiveSmtpAuthDisabled, type MailboxState, type BlockingCaPolicy, type AuthPolicyVerdict } from "./mailbox-state";
export { DEFAULT_TENANT_POLICY, resolveTenantPolicy } from "./tenant-policy";
export { STEPS, type CauseDefinition, type CauseLayer, type LocalizedText, type StepDefinition } from "./cause-definition";
export { CAUSES, NEVER_WEAKEN, causeOrder } from "./causes";
export { stepsWithinReach } from "./steps-within-reach";
export { basicAuthDefaultCheck, type BasicAuthDefault } from "./basic-auth-default";
export { readErrorText, type AuthMethod, type TextCause, type TextReading } from "./read-error-text";
export {
  diagnose,
  isBasicAuthRetired,
  BASIC_AUTH_OFF_BY_DEFAULT_FROM,
  type Diagnosis,
  type DiagnosedCause,
  type DiagnoseInput,
  type Verdict,
} from "./diagnose";
export { LAYER_LABELS, type LayerField } from "./live-checks";
export { stepNeeded } from "./step-needed";
export {
  planRemediation,
  type RemediationPlan,
  type PlannedStep,
  type RefusedStep,
  type RefusalCode,
  type Attention,
} from "./plan-remediation";
export { describePlan, describeDiagnosis, describeReading } from "./describe";
export { PRIVILEGED_ROLES, NON_PRIVILEGED_ROLES } from "./privileged-roles";
export {
  blocksLegacyAuth,
  userScope,
  evaluateLegacyAuthBlocking,
  type CaPolicyScope,
  type CaSubject,
  type CaScope,
  type CaEvaluation,
} from "./conditional-access-scope";
export { decidePrivilege, judgeRole } from "./privilege";
export type { PrivilegeEvidence, PrivilegeGap, RoleDefinitionFacts, RoleGrant } from "./privilege";
export { privilegeRefusal, weakensAccount } from "./privilege-guard";
export { SIGN_IN_ERROR_CAUSES, MFA_REQUIRED_CODES, causeOfSignInError } from "./sign-in-error-codes";
export {
  VERIFICATION_STATUSES,
  startVerification,
  isVerificationOpen,
  judgeVerification,
  unavailableVerification,
  verificationChanged,
  type Verification,
  type VerificationStatus,
  type ObservedSignIn,
} from "./verification";
