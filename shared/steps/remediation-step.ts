import type { ExceptionSetting } from "../audit/exception-record";
import type { MigrationRequest } from "../domain/migration-plan";
import type { CreatedObject } from "../domain/created-objects";
import type { StepName } from "../domain/types";
import type { TenantGateways } from "../m365/m365-gateway";
import type { OneTimeCredentials } from "../store/one-time-credentials";
import type { StepUndo } from "./step-undo";

/** What a step acts on: the mailbox from the request, its Entra user id from diagnosis, and the migration asked for. */
export interface StepTarget {
  mailbox: string;
  userId: string | null;
  migration?: MigrationRequest;
}

/** The setting a step weakens, as the exceptions register and the audit name it. */
export type WeakenedSetting = ExceptionSetting;

/** What a migration step creates or checks; none of them weakens anything, so none records an exception. */
export type MigrationSetting = "hve-account" | "hve-billing-policy" | "inbound-connector" | "exchange-service-principal" | "app-mailbox-access" | "basic-auth-retired";

export type StepSetting = WeakenedSetting | MigrationSetting;

const WEAKENED: ReadonlySet<StepSetting> = new Set<WeakenedSetting>(["security-defaults", "mailbox-smtp-auth", "per-user-mfa"]);

/** Whether a change to this setting is a weakening, recorded as an exception. */
export function isWeakenedSetting(setting: StepSetting): setting is WeakenedSetting {
  return WEAKENED.has(setting);
}

/**
 * What the write names: Exchange resolves a mailbox address itself (so the account behind it is
 * checked again), Graph takes the Entra user id that was checked, a tenant-wide write names no one.
 */
export type StepWriteTarget = "mailbox-address" | "entra-user" | "tenant";

/** A refusal found at apply time: the world changed since the plan and the step is no longer safe. */
export interface StepRefusal {
  code: string;
  reason: string;
}

/** What a write may need besides the tenant: the request it belongs to and where generated credentials go. */
export interface StepContext {
  requestId: string;
  credentials?: Pick<OneTimeCredentials, "put" | "canStore">;
  now(): Date;
}

/**
 * One remediation step: read the setting, decide whether it is already right, write the one value
 * that fixes it. Every method is idempotent; the worker runs check → apply → verify around them.
 */
export interface RemediationStep {
  name: StepName;
  setting: StepSetting;
  writesTo: StepWriteTarget;
  /** "tenant" for tenant-wide settings, else the mailbox (or the object the step makes). */
  subject(target: StepTarget): string;
  /** The current value, in words shown to people ("enabled", "disabled", "follows organisation (off)"). */
  read(gw: TenantGateways, target: StepTarget): Promise<string>;
  isRight(value: string): boolean;
  /** Re-checks what must still hold right before the write (e.g. no privileged role). */
  precondition?(gw: TenantGateways, target: StepTarget, context?: StepContext): Promise<StepRefusal | null>;
  /** Writes the fix; a step that creates something may return its ids, kept on the request for its undo. */
  apply(gw: TenantGateways, target: StepTarget, context?: StepContext): Promise<void | Record<string, string>>;
  /** The value written, for the trail and the exceptions register. */
  appliedValue: string;
  /** How `POST /api/remediations/{id}/undo` reverses this step; a step without one cannot be undone. */
  undo?: StepUndo;
  /** After a change: the objects it created, recorded on the step for its undo. Derived from the target, so a crash between write and record loses nothing. */
  createdObjects?(target: StepTarget, before: string): CreatedObject[];
  /** Another step's setting this one writes too (its lock is shared, so the two never race on the mailbox). */
  lockAs?: StepSetting;
  /** The weakening this step takes back: on completion the request's mailbox's exceptions of that setting are closed. */
  closes?: WeakenedSetting;
}
