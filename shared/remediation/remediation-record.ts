import type { AccountIdentity } from "../domain/account-identity";
import type { CodedText } from "../domain/coded-text";
import type { MailboxState } from "../domain/mailbox-state";
import type { OAuthCheck } from "../domain/oauth-checks";
import type { OperatorRef } from "../auth/operator";
import type { ApprovedPlan, PolicyVerdict } from "../domain/standing-policy";
import type { Verification } from "../domain/verification";
import type { MigrationRequest } from "../domain/migration-plan";
import type { CreatedObject } from "../domain/created-objects";
import type { UndoRecord } from "../steps/step-undo";
import type { CauseId, RemediationMode, RequestStatus, StepName, StepStatus, TicketRef } from "../domain/types";

/** Where a request is in its run: diagnosis first, then each planned step, then done. */
export type Stage = "diagnose" | StepName | "done";

export interface ErrorSummary {
  code: string;
  message: string;
  /** The failed Microsoft 365 call's `client-request-id`, for Microsoft support. */
  clientRequestId?: string;
}

/** One step of a request, as stored and as `GET /api/remediations/{id}` shows it. */
export interface StepRecord {
  name: StepName;
  status: StepStatus;
  attempts: number;
  /** Why the step is skipped, refused or failed, in words a person can act on. */
  reason?: string;
  refused?: { code: string; reason: string };
  /** The setting as read before apply and as verified after, e.g. "enabled" → "disabled". */
  before?: string;
  after?: string;
  /** On a step the plan runs: the value diagnosis read and the value the step writes (what an approver approves). */
  planned?: { before: string; after: string };
  /** True once the write was sent: a later check that finds the value right means "applied", not "skipped". */
  applied?: boolean;
  /** Ids of what the step created (a migration step's account or connector), for its undo to remove. */
  undoData?: Record<string, string>;
  /** On an undo request's step: the original step's before-value it restores, and the ids it removes. */
  restore?: UndoRecord;
  startedAt?: string;
  completedAt?: string;
  lastError?: ErrorSummary;
  /** On a step that created something in the tenant: those objects, which its undo removes. */
  created?: CreatedObject[];
}

export interface DiagnosedCauseRecord {
  id: CauseId;
  verdict: "confirmed" | "possible" | "ruled-out" | "unknown";
  confidence: number;
  evidence: string[];
  evidenceCode?: CodedText;
  fixStep: StepName | null;
}

export interface AttentionRecord {
  reason: string;
  guidance: string[];
  causes: CauseId[];
}

export interface ApprovalRecord {
  decision: "approved" | "rejected";
  /** Taken from the approver's token, never from the body. */
  by: OperatorRef;
  at: string;
  comment?: string;
  /** The plan the approver saw: an approval allows these steps on this account and nothing more. */
  plan: ApprovedPlan;
}

/** What a request waiting for a second person asks to run, and why the standing policy did not run it alone. */
export interface ApprovalRequest {
  plan: ApprovedPlan;
  reasons: string[];
}

/** How the standing policy answered this request's plan (standing-policy.ts). */
export interface PolicyDecisionRecord {
  verdict: PolicyVerdict["kind"];
  reasons?: string[];
}

export interface RemediationRecord {
  id: string;
  tenantId: string;
  mailbox: string;
  /** The mailbox's Entra user id, once diagnosis found it. */
  userId?: string | null;
  /** Every name of the account the mailbox resolved to, once diagnosis read it (the policy matches these). */
  account?: AccountIdentity;
  errorText?: string;
  mode: RemediationMode;
  /** A move off basic auth (`"path"` in the body) instead of a fix: its steps are the path's. */
  migration?: MigrationRequest;
  ticket?: TicketRef;
  /** The signed-in operator who asked (API requests). */
  requestedBy?: OperatorRef;
  /** The requester a verified ticket names (webhook requests); the ticket itself is `ticket`. */
  ticketRequester?: string;
  /** The ticket system (or TICKET_AGENT_DOMAINS) says the ticket's requester is one of its agents. */
  ticketRequesterAgent?: boolean;
  /** "api" or "webhook:<system>". */
  source: string;
  status: RequestStatus;
  /** For failed / needs-attention: the one-line reason. */
  reason?: string;
  /** `reason` as a code and parameters, so each reader sees it in their language (request-reasons.ts). */
  reasonCode?: CodedText;
  attention?: AttentionRecord;
  /** A second person's decision on a plan the tenant's policy does not allow to run on its own. */
  approval?: ApprovalRecord;
  /** Why a stored approval was not believed (it failed its integrity seal): the request is not approved. */
  approvalRefused?: string;
  /** Set while the request waits for a second person: the plan shown to them. */
  approvalRequest?: ApprovalRequest;
  /** When an undecided request ends `rejected` (the tenant's approvalHours after it began to wait). */
  approvalDeadline?: string;
  policyDecision?: PolicyDecisionRecord;
  /** Places this request took in the tenant's automatic budget (policy maxAutomaticPerDay), so a redelivery takes none. */
  automaticReserved?: { day: string; steps: number };
  /** A ticket an API caller named: shown, never trusted (no dedupe, no notes). Tickets come from verified webhooks. */
  claimedTicket?: TicketRef;
  /** oauthChecks: the oauth-app path's checks, when diagnosis named an OAuth cause (oauth-checks.ts). */
  diagnosis?: { causes: DiagnosedCauseRecord[]; unknownLayers: string[]; oauthChecks?: OAuthCheck[] };
  steps: StepRecord[];
  stage: Stage;
  /** The one stage message this request waits for; any other delivery is stale and dropped. */
  next?: { stage: Exclude<Stage, "done">; phase: "run" | "verify"; attempt: number };
  /** A worker is on `next` until then; a second delivery of it waits instead of running twice. */
  lease?: { until: string };
  /** Layers read so far by a diagnosis that is retrying; the next attempt fills in the rest. */
  partialState?: MailboxState;
  /** Attempts of the diagnosis stage (steps count their own). */
  diagnoseAttempts: number;
  /** On an undo request: the request whose changes it reverses. */
  undoOf?: string;
  /** On a request that was undone: the undo request (set when the undo is asked for), and when. */
  undoneBy?: string;
  undoRequestedAt?: string;
  /** After a fix: what the tenant's sign-in log says about the device's next SMTP AUTH sign-in. */
  verification?: Verification;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
}
