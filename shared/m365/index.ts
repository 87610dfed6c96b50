/** What the rest of the code may use from the Microsoft 365 clients; everything else is internal. */
export { M365Error, isM365Error, isRetryable } from "./m365-error";
export type { M365ErrorInit, M365ErrorKind } from "./m365-error";
export type {
  AuthenticationPolicy,
  CasMailbox,
  ConditionalAccessPolicy,
  DirectoryUser,
  ExchangeGateway,
  GraphGateway,
  M365GatewayFactory,
  SmtpSignIn,
  TenantGateways,
  GroupMembership,
  RoleGrantKind,
  RoleGrantRecord,
} from "./m365-gateway";
export { readTenantPrivilege, readUserPrivilege } from "./read-privilege";
export type { UserPrivilegeRead } from "./read-privilege";
export { createM365GatewayFactory } from "./gateway-factory";
export type { M365GatewayFactoryOptions, M365Settings } from "./gateway-factory";
export { createTenantCredentials, defaultScopeFor, EXCHANGE_RESOURCE, GRAPH_RESOURCE, isMicrosoftAuthority } from "./credentials";
export type { CredentialSettings, TenantCredentials } from "./credentials";
export { readMailboxState, describeFailure, MAILBOX_STATE_READ_CALLS } from "./read-mailbox-state";
export type { ReadMailboxStateOptions } from "./read-mailbox-state";
export { MAX_IN_CALL_RETRIES, MAX_IN_CALL_WAIT_MS, decideRetry, kindForStatus } from "./call-policy";
export { parseRetryAfter } from "../retry/backoff";
export type { CallPolicyOptions, RetryDecision } from "./call-policy";
export { ThrottleGate, ThrottleGates } from "./throttle-gate";
export type { ThrottleGateOptions, ThrottledService } from "./throttle-gate";
export { shareTokenRequests, TOKEN_REFRESH_MARGIN_MS } from "./shared-token-credential";
export type { SharedTokenOptions } from "./shared-token-credential";
export { OPERATION_PERMISSIONS, permissionFor } from "./m365-permissions";
