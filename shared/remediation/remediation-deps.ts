import type { OperatorDirectory } from "../auth/operator-directory";
import type { BasicAuthDefault } from "../domain/basic-auth-default";
import type { M365GatewayFactory } from "../m365/m365-gateway";
import type { MessageQueue } from "../queue/message-queue";
import type { AutomationBudget } from "../store/automation-budget";
import type { EventTrail } from "../store/event-trail";
import type { IdempotencyKeys } from "../store/idempotency-keys";
import type { RequestStore } from "../store/request-store";
import type { SettingLocks } from "../store/setting-locks";
import type { TenantRegistry } from "../store/tenant-registry";
import type { ExceptionRegister } from "../audit/exception-register";
import type { OneTimeCredentials } from "../store/one-time-credentials";
import type { RemediationRecord } from "./remediation-record";
import type { RetryPolicy } from "./retry-decision";
import type { TenantStageSlots } from "./tenant-stage-slots";

/** Moments in a request's life that the ticket hears about. */
/** Moments in a request's life that the ticket hears about; the last three come from the verification. */
export type RemediationMilestone = "accepted" | "needs-attention" | "completed" | "failed" | "verified" | "verification-failing" | "not-seen";

export interface MinimalLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Everything the remediation use cases touch; built once by the composition root, faked in unit tests. */
export interface RemediationDeps {
  requests: RequestStore;
  events: EventTrail;
  tenants: TenantRegistry;
  idempotency: IdempotencyKeys;
  queue: MessageQueue;
  gateways: M365GatewayFactory;
  exceptions: Pick<ExceptionRegister, "record" | "close"> & Partial<Pick<ExceptionRegister, "list">>;
  /** Where generated credentials wait, sealed, for their one reading; without it no HVE account is made. */
  credentials?: OneTimeCredentials;
  settingLocks: SettingLocks;
  /** Automatic weakening steps per tenant and day (standing policy maxAutomaticPerDay). */
  budget: Pick<AutomationBudget, "used" | "reserve">;
  /** This process's share of stages per tenant; without it a tenant's stages are not limited. */
  tenantSlots?: TenantStageSlots;
  /** Tells the originating ticket; never throws (write-back goes through its own outbox). */
  notify(record: RemediationRecord, milestone: RemediationMilestone): Promise<void>;
  retry: RetryPolicy;
  /** The operators' own directory: an approver's addresses beyond those their token names. */
  operatorDirectory: OperatorDirectory;
  /** How long a worker holds a running step before another delivery may take it over. */
  leaseMs: number;
  /** VERIFY_WINDOW_HOURS: how long a fix waits for the device's next sign-in before it is not-seen. */
  verifyWindowMs: number;
  /** SMTP_BASIC_AUTH_DEFAULT: how diagnosis takes the tenant's basic-auth default ("date" when absent). */
  basicAuthDefault?: BasicAuthDefault;
  now(): Date;
  random(): number;
  log: MinimalLogger;
}
