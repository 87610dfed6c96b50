/** Domain vocabulary shared by every room. Stable ids: they are part of the external contract. */

/** The OAuth era and beyond: none of these is ever answered by weakening the tenant. */
export const OAUTH_ERA_CAUSE_IDS = [
  "oauth-token-wrong-user",
  "oauth-app-not-permitted",
  "oauth-client-credentials-invalid",
  "oauth-refresh-token-expired",
  "tls-mode-mismatch",
  "tls-cipher-unsupported",
  "not-smtp-auth",
] as const;

export const CAUSE_IDS = [
  "smtp-auth-disabled-mailbox",
  "smtp-auth-disabled-tenant",
  "security-defaults-enabled",
  "per-user-mfa-enforced",
  "conditional-access-blocks-legacy-auth",
  "auth-policy-blocks-basic-smtp",
  "basic-auth-retired",
  "wrong-credentials",
  "account-locked",
  "account-disabled",
  "mailbox-not-found",
  "mailbox-unlicensed",
  "client-not-authenticated",
  "federated-sts-unreachable",
  "tls-version-unsupported",
  "auth-mechanism-not-offered",
  "sender-not-permitted",
  "sender-restricted",
  "concurrent-connection-limit",
  "unknown",
  ...OAUTH_ERA_CAUSE_IDS,
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

/** Remediation steps in the seed procedure's order. Later steps are appended, never renamed. */
export const STEP_NAMES = [
  "disable-security-defaults",
  "enable-mailbox-smtp-auth",
  "disable-per-user-mfa",
  // Moving a sender off basic auth (a migration plan): they create or check, and weaken nothing.
  "create-hve-account",
  "check-hve-billing-policy",
  "create-relay-connector",
  "register-exchange-service-principal",
  "grant-app-mailbox-access",
  "retire-basic-auth",
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The steps a fix may plan (the seed procedure's); a migration plan holds MIGRATION_STEPS instead. */
export const FIX_STEP_NAMES = ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"] as const satisfies readonly StepName[];

/** Where `POST /api/remediations` with `"path"` moves a sender: each path's steps are in migration-plan.ts. */
export const MIGRATION_PATHS = ["high-volume-email", "relay-connector", "oauth-app"] as const;
export type MigrationPath = (typeof MIGRATION_PATHS)[number];

export const REQUEST_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "needs-attention",
  "planned",
  "awaiting-approval",
  "rejected",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const STEP_STATUSES = ["pending", "running", "succeeded", "skipped", "failed", "retrying"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export type RemediationMode = "apply" | "plan";

export type PerUserMfaState = "disabled" | "enabled" | "enforced";

export type Locale = "en" | "bg";

/**
 * What the tenant's admin granted the app: "read-only" tenants (no Graph write permissions, the
 * read-only Exchange role group) get diagnosis, plans and audits; their remediations end "planned".
 */
export const TENANT_ACCESS = ["read-write", "read-only"] as const;
export type TenantAccess = (typeof TENANT_ACCESS)[number];

export const TICKET_SYSTEMS = ["zendesk", "jira", "servicenow", "freshservice", "halopsa", "generic", "connectwise", "autotask"] as const;
export type TicketSystem = (typeof TICKET_SYSTEMS)[number];

export interface TicketRef {
  system: TicketSystem;
  id: string;
  url?: string;
  /**
   * Set when the ticket came through a tenant's own webhook endpoint: notes go back through that
   * tenant's ticket connection, never the app-wide settings. Absent: the app's TICKET_<SYSTEM>_* settings.
   */
  connectionTenantId?: string;
}

/** Per-tenant policy; every field has a safe default (see tenant-policy.ts). */
export interface TenantPolicy {
  /** Allow tenant-wide weakening (security defaults off). Default false: such plans stop for a person. */
  allowTenantWideChanges: boolean;
  /** How long an approved exception lives before the audit calls it expired. */
  exceptionDays: number;
  locale: Locale;
  /** Re-disable SMTP AUTH for a mailbox whose exception expired. */
  autoRevertExpired: boolean;
  /** Steps that may run without a person (standing-policy.ts adds security defaults when tenant-wide changes are allowed). */
  autoApprove: StepName[];
  /** UPN patterns (`scan*@contoso.com`); when any are set, automatic steps only for matching mailboxes. */
  deviceAccounts: string[];
  /** UPN patterns never weakened, not even with approval. */
  protectedAccounts: string[];
  /** Automatic weakening steps per tenant and UTC day; beyond it requests wait for approval. */
  maxAutomaticPerDay: number;
  /** An undecided request ends `rejected` after this many hours. */
  approvalHours: number;
  /** Entra group object ids (the token's `groups` claim) whose members alone may see and act on this tenant; none = every operator. */
  operatorGroups: string[];
}

export function isTerminalStatus(status: RequestStatus): boolean {
  return status !== "queued" && status !== "running";
}
