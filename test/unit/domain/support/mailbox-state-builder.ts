import { known, unknown, type Layer } from "../../../../shared/domain/layer";
import type { MailboxState } from "../../../../shared/domain/mailbox-state";
import type { TenantPolicy } from "../../../../shared/domain/types";
import { DEFAULT_TENANT_POLICY } from "../../../../shared/domain/tenant-policy";

type LayerValues = {
  [K in keyof MailboxState as MailboxState[K] extends Layer<unknown> ? K : never]: MailboxState[K] extends Layer<infer T> ? T : never;
};

/** A mailbox whose every layer is read and in order: SMTP AUTH works for it. */
export function workingMailbox(): MailboxState {
  return {
    tenantId: "11111111-2222-3333-4444-555555555555",
    mailbox: "scanner@contoso.com",
    userId: "aaaaaaaa-0000-0000-0000-000000000001",
    readAt: "2026-11-27T10:00:00.000Z",
    securityDefaultsEnabled: known(false),
    orgSmtpAuthDisabled: known(true),
    mailboxExists: known(true),
    mailboxSmtpAuthDisabled: known(false),
    perUserMfaState: known("disabled"),
    accountEnabled: known(true),
    exchangeLicensed: known(true),
    privilegedRoles: known([]),
    blockingCaPolicies: known([]),
    authPolicy: known({ policyName: null, allowBasicAuthSmtp: true }),
  };
}

/** A working mailbox with some layers set to other known values. */
export function mailboxWith(values: Partial<LayerValues>, base: MailboxState = workingMailbox()): MailboxState {
  const state: MailboxState = { ...base };
  for (const [field, value] of Object.entries(values)) {
    (state as unknown as Record<string, Layer<unknown>>)[field] = known(value);
  }
  return state;
}

/** The same state with the named layers unread, as when their Graph or Exchange read failed. */
export function withUnread(state: MailboxState, ...fields: Array<keyof LayerValues>): MailboxState {
  const next: MailboxState = { ...state };
  for (const field of fields) (next as unknown as Record<string, Layer<unknown>>)[field] = unknown("Graph 403 Authorization_RequestDenied");
  return next;
}

/** The default tenant policy with overrides. */
export function policy(overrides: Partial<TenantPolicy> = {}): TenantPolicy {
  return { ...DEFAULT_TENANT_POLICY, ...overrides };
}

/** A day before Microsoft turns basic auth for SMTP off by default. */
export const BEFORE_RETIREMENT = new Date("2026-11-27T12:00:00Z");
/** A day after. */
export const AFTER_RETIREMENT = new Date("2027-01-15T12:00:00Z");
