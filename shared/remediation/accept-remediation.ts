import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { coded, reasonCode } from "../domain/request-reasons";
import { FIX_STEP_NAMES, MIGRATION_PATHS, TICKET_SYSTEMS, type TicketRef } from "../domain/types";
import { migrationSteps } from "../domain/migration-plan";
import { migrationFrom } from "./migration-input";
import { AppError } from "../errors/app-error";
import { validate } from "../http/validate";
import type { OperatorRef } from "../auth/operator";
import type { RemediationRecord } from "./remediation-record";
import type { RemediationDeps } from "./remediation-deps";
import { sendFirstStage } from "./request-session";
import { inSpan } from "../telemetry/tracing";
import { requestAttributes } from "./request-attributes";
import { resolveTenant } from "./resolve-tenant";
import type { OnboardedTenant } from "../store/tenant-registry";
import { whoAsked } from "./who-asked";

export const RemediationInputSchema = z.object({
  tenantId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/, "a tenant id (GUID) or its initial domain")
    .optional(),
  mailbox: z.string().trim().toLowerCase().max(254).pipe(z.email("a mailbox address like printer@contoso.com")),
  errorText: z.string().max(20_000).optional(),
  mode: z.enum(["apply", "plan"]).default("apply"),
  ticket: z
    .object({
      system: z.enum(TICKET_SYSTEMS),
      id: z.string().trim().min(1).max(200),
      url: z.string().url().max(2_000).optional(),
    })
    .optional(),
  /** Move the sender off basic auth instead of fixing it (migration-input.ts checks the path's parameter). */
  path: z.enum(MIGRATION_PATHS).optional(),
  senderIp: z.string().trim().max(64).optional(),
  appId: z.string().trim().max(64).optional(),
  retireBasicAuth: z.boolean().optional(),
});
export type RemediationInput = z.input<typeof RemediationInputSchema>;

export interface AcceptOptions {
  idempotencyKey?: string;
  /** The signed-in operator (API requests). */
  requestedBy?: OperatorRef;
  /** The requester a verified ticket names (webhook requests). */
  ticketRequester?: string;
  /** The ticket's requester is an agent of the ticket system. */
  ticketRequesterAgent?: boolean;
  /**
   * The ticket of a verified webhook delivery: the request's ticket, and its dedupe key (per tenant
   * and system). A `ticket` in a body is only a claim: shown as `claimedTicket`, never trusted.
   */
  verifiedTicket?: TicketRef;
  source?: string;
  /** Throws when the caller may not act on the tenant the request resolves to (an operator's tenant scope). */
  checkTenant?: (tenant: OnboardedTenant) => void;
}

export interface AcceptResult {
  record: RemediationRecord;
  created: boolean;
}

/**
 * Intake: validate, resolve the tenant, store the request and enqueue its diagnosis. Never calls
 * Microsoft 365, so a caller gets its answer whatever Microsoft 365 is doing.
 */
export function acceptRemediation(body: unknown, options: AcceptOptions, deps: RemediationDeps): Promise<AcceptResult> {
  // The root of the request's trace: its first stage message carries this span's context.
  return inSpan("accept remediation", { "remediation.source": options.source ?? "api" }, async (span) => {
    const result = await accept(body, options, deps);
    span.setAttributes(requestAttributes(result.record));
    return result;
  });
}

async function accept(body: unknown, options: AcceptOptions, deps: RemediationDeps): Promise<AcceptResult> {
  const input = validate(RemediationInputSchema, body);
  const migration = migrationFrom(input);
  const tenant = await resolveTenant(input.tenantId, input.mailbox, deps.tenants);
  options.checkTenant?.(tenant);
  const ticket = options.verifiedTicket;
  const claimedTicket = ticket ? undefined : input.ticket;
  // The whole request, so a reused key with any other body is a conflict, not a silent replay.
  const fingerprint = hash(JSON.stringify([tenant.tenantId, input.mailbox, input.mode, input.errorText ?? null, claimedTicket ?? null, ...(migration ? [migration] : [])]));
  // Keys belong to their caller and tenant: nobody can replay, or block, another caller's key.
  const caller = options.requestedBy?.oid ?? options.source ?? "api";
  const key = options.idempotencyKey
    ? `header:${tenant.tenantId}:${caller}:${options.idempotencyKey}`
    : ticket
      ? // Per tenant: two customers' ticket systems may both have a ticket 4182; neither may see the other's request.
        `ticket:${tenant.tenantId}:${ticket.system}:${ticket.id}`
      : null;

  let id: string = randomUUID();
  if (key) {
    const claim = await deps.idempotency.claim(key, id, fingerprint);
    if (!claim.claimed) {
      if (options.idempotencyKey && claim.fingerprint !== fingerprint) throw new AppError("IDEMPOTENCY_CONFLICT");
      const existing = await deps.requests.get(claim.requestId);
      if (existing) return { record: existing.record, created: false };
      id = claim.requestId; // the first caller claimed the key but never stored the request: finish its work
    }
  }

  const now = deps.now().toISOString();
  const record: RemediationRecord = {
    id,
    tenantId: tenant.tenantId,
    mailbox: input.mailbox,
    errorText: input.errorText,
    mode: input.mode,
    ...(ticket ? { ticket } : {}),
    ...(claimedTicket ? { claimedTicket } : {}),
    ...(options.requestedBy ? { requestedBy: options.requestedBy } : {}),
    ...(options.ticketRequester ? { ticketRequester: options.ticketRequester } : {}),
    ...(options.ticketRequesterAgent ? { ticketRequesterAgent: true } : {}),
    source: options.source ?? "api",
    status: "queued",
    ...(migration ? { migration } : {}),
    steps: (migration ? migrationSteps(migration) : FIX_STEP_NAMES).map((name) => ({ name, status: "pending", attempts: 0 })),
    stage: "diagnose",
    next: { stage: "diagnose", phase: "run", attempt: 1 },
    diagnoseAttempts: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.requests.create(record);
  await deps.events.append({ tenantId: record.tenantId, requestId: id, kind: "accepted", at: now, requestedBy: whoAsked(record), ticket, ...coded(reasonCode("event-accepted", { mode: input.mode, source: record.source })) });
  await sendFirstStage(deps, id, "request");
  return { record, created: true };
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
