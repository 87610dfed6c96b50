import type { Locale, TicketSystem } from "../domain/types";

/** A marker every note we write starts with, so a ticket's copy of our notes never feeds intake again. */
export const NOTE_MARKER = "[smtp-auth-fix]";

/** True when any text in a value (a latest comment, a journal entry, an action's note) is one of our notes. */
export function carriesOwnNote(...values: unknown[]): boolean {
  return values.some((value) => (typeof value === "string" ? value.includes(NOTE_MARKER) : Array.isArray(value) && carriesOwnNote(...(value as unknown[]))));
}

export const NOTE_KINDS = ["accepted", "needs-mailbox", "needs-attention", "completed", "failed", "audit-finding", "verified", "still-failing", "not-seen"] as const;
/** Why we write on the ticket. */
export type NoteKind = (typeof NOTE_KINDS)[number];

/** What a note says, structured; rendering into each system's format and language happens at delivery. */
export interface NoteContent {
  remediationId?: string;
  mailbox?: string;
  statusUrl?: string;
  /** Final request status for completed/failed notes. */
  status?: string;
  /** needs-mailbox: the addresses we could not choose between (empty when we found none). */
  candidates?: string[];
  /** accepted: the planned steps and what each weakens. */
  plan?: Array<{ name: string; risk: string }>;
  causes?: Array<{ id: string; verdict: string }>;
  /** completed/failed: each step's outcome and the verified values before and after. */
  steps?: Array<{ name: string; status: string; before?: string; after?: string }>;
  /** needs-attention / failed: why a person is needed and what exactly to do. */
  reason?: string;
  guidance?: string[];
  /** audit-finding: one line per finding. */
  findings?: Array<{ title: string; detail?: string }>;
  tenantId?: string;
  /** verified / still-failing: the device's sign-in after the fix, from the tenant's sign-in log. */
  signIn?: { at: string; ipAddress: string; errorCode?: number };
  /** still-failing: the cause the sign-in's error code points to. */
  cause?: string;
  /** not-seen: how many hours the log was watched. */
  windowHours?: number;
}

/** One outbox message: a note for one ticket. Its `id` is the queue message id, so resends dedupe. */
export interface TicketNote {
  id: string;
  system: TicketSystem;
  ticketId: string;
  ticketUrl?: string;
  /** Write back through this tenant's own ticket connection (the ticket came through its endpoint). */
  connectionTenantId?: string;
  kind: NoteKind;
  locale: Locale;
  content: NoteContent;
  /** Delivery attempts already made; the outbox worker increments it when it re-schedules. */
  attempt?: number;
}
