import type { Locale, TenantAccess, TenantPolicy, TicketRef } from "../domain/types";
import type { Finding } from "./finding";

/** An onboarded tenant as the audit needs it. */
export interface AuditedTenant {
  tenantId: string;
  displayName?: string;
  domains: string[];
  policy?: Partial<TenantPolicy>;
  /** A read-only tenant is audited like any other, but never changed (no auto-revert). */
  access?: TenantAccess;
}

/** Where the audit finds the onboarded tenants (the lead's tenant store satisfies it). */
export interface TenantSource {
  list(): Promise<AuditedTenant[]>;
  get(tenantId: string): Promise<AuditedTenant | null>;
}

/** Findings new since the previous run, once per run: to the tenant's ticketing system or webhook. */
export interface NewFindingsNotification {
  kind: "audit-new-findings";
  /** Stable per run, so a redelivered audit enqueues the same message (outbox duplicate detection). */
  messageId: string;
  tenantId: string;
  runId: string;
  locale: Locale;
  totalNew: number;
  /** The most severe new findings, at most NOTIFIED_FINDINGS_LIMIT; the report has the rest. */
  findings: Finding[];
  /** Path of the HTML report, relative to the app's base URL. */
  reportPath: string;
}

/** A fix someone turned back: goes to the ticket that asked for the fix. */
export interface RevertedFixNotification {
  kind: "audit-reverted-fix";
  messageId: string;
  tenantId: string;
  runId: string;
  locale: Locale;
  ticket: TicketRef;
  finding: Finding;
}

export type AuditNotification = NewFindingsNotification | RevertedFixNotification;

/** What the audit writes to the event trail. */
export interface AuditEvent {
  type: "exception-auto-reverted" | "exception-auto-revert-failed";
  tenantId: string;
  runId: string;
  subject: string;
  exceptionId: string;
  requestId: string;
  at: string;
  /** Why a revert failed (an error kind and code, never a raw error). */
  reason?: string;
}

/** The audit queue's message: audit this tenant as part of that run. */
export interface AuditMessage {
  tenantId: string;
  runId: string;
  requestedAt: string;
}
