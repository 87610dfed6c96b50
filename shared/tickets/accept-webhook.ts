import { createHash } from "node:crypto";
import { dedupeKey } from "./dedupe-key";
import { extractErrorText } from "./extract-error-text";
import { extractMailbox } from "./extract-mailbox";
import { parseWebhook } from "./parse-webhook";
import { moduleFor } from "./systems";
import { linkUnder } from "./ticket-link";
import { isTicketSystem } from "./ticket-event";
import { authenticateDelivery } from "./authenticate-delivery";
import { webhookError } from "./webhook-errors";
import type { Locale, TicketRef, TicketSystem } from "../domain/types";
import type { DeliverySecrets } from "./authenticate-delivery";
import type { LowerCaseHeaders } from "./signing";
import type { TicketConnection } from "./systems";
import type { IntegrationUsers } from "./parse-webhook";
import type { RequesterLookup } from "./zendesk-requester";
import type { ParseResult, TicketEvent } from "./ticket-event";
import type { NoteContent, NoteKind, TicketNote } from "./ticket-note";
import type { FailedSignatureLimiter } from "./failed-signature-limiter";

/** Items in one HaloPSA batch; more is not a delivery Halo makes. */
export const MAX_BATCH_ITEMS = 50;

/** Bodies above this size are refused with 413 before they are verified or parsed. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** What intake asks the remediation use case to start. */
export interface AcceptRemediationRequest {
  mailbox: string;
  errorText?: string;
  ticket: TicketRef;
  idempotencyKey: string;
  requestedBy?: string;
  /** The ticket system says the requester is one of its agents. */
  requesterIsAgent?: boolean;
  /** Set when the delivery came to a tenant's own endpoint: the request may only be in that tenant. */
  tenantId?: string;
}
export type AcceptRemediationResult =
  | { ok: true; id: string; status: string; statusUrl?: string }
  | { ok: false; status: number; code: string; message: string };

export interface AcceptWebhookInput {
  /** The route's `{system}`, as typed by whoever configured the webhook. */
  system: string;
  rawBody: string;
  headers: Record<string, string | undefined>;
  /** The route's `{tenantKey}` on a tenant's own endpoint; absent on the bare route. */
  tenantKey?: string;
}

export interface AcceptWebhookDeps extends DeliverySecrets {
  acceptRemediation(request: AcceptRemediationRequest): Promise<AcceptRemediationResult>;
  /** Queues a note once per ticket and note id (the id names its meaning); a repeat is dropped. */
  enqueueNote(note: TicketNote): Promise<void>;
  /** The onboarded tenant's locale for an email domain, when one matches. */
  localeForDomain?(domain: string): Promise<Locale | undefined>;
  defaultLocale?: Locale;
  /** Zendesk: the requester's address from their id (one API read); a failure is retryable, never a guess. */
  lookupRequester?(requesterId: string): Promise<RequesterLookup>;
  /** The accounts our write-back signs in as; their own updates re-sent by a system are ignored. */
  integrationUsers?: IntegrationUsers;
  /**
   * Whether the bare `/api/webhooks/{system}` takes deliveries (WEBHOOK_SHARED_ROUTE=on). Off by
   * default: there a delivery picks its tenant from the mailbox's domain, so one app-wide secret acts in every tenant.
   */
  sharedRoute?: boolean;
  /** Brakes guessing at an endpoint's secret; absent, no brake (unit tests of parsing). */
  failedSignatures?: FailedSignatureLimiter;
}

export interface AcceptWebhookResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Takes one webhook delivery: checks size, authenticity and shape, finds the mailbox and error in the
 * ticket, then either starts a remediation (202 with its id) or asks on the ticket for the mailbox
 * (202 `needs-mailbox`). Bad input gets a 4xx with `{"error":{"code","message"}}` and nothing queued.
 */
export async function acceptWebhook(input: AcceptWebhookInput, deps: AcceptWebhookDeps): Promise<AcceptWebhookResult> {
  const system = input.system.toLowerCase();
  if (input.tenantKey === undefined && deps.sharedRoute !== true) return webhookError("SHARED_WEBHOOK_ROUTE_OFF");
  if (!isTicketSystem(system)) return webhookError("UNKNOWN_SYSTEM");
  const headers = lowerCaseHeaders(input.headers);
  const declared = Number(headers["content-length"] ?? "0");
  if (declared > MAX_WEBHOOK_BODY_BYTES || Buffer.byteLength(input.rawBody, "utf8") > MAX_WEBHOOK_BODY_BYTES) {
    return webhookError("BODY_TOO_LARGE", `The limit is ${MAX_WEBHOOK_BODY_BYTES} bytes.`);
  }
  const endpoint = `${system}/${input.tenantKey ?? "shared"}`;
  const blockedFor = deps.failedSignatures?.blockedFor(endpoint, deps.now().getTime()) ?? 0;
  if (blockedFor > 0) return { ...webhookError("TOO_MANY_FAILED_SIGNATURES"), headers: { "Retry-After": String(blockedFor) } };
  let identity;
  try {
    identity = await authenticateDelivery(system, input.tenantKey, input.rawBody, headers, deps);
  } catch {
    return webhookError("TEMPORARILY_UNAVAILABLE");
  }
  if (!identity.ok) {
    deps.failedSignatures?.recordFailure(endpoint, deps.now().getTime());
    return webhookError("UNAUTHORIZED");
  }
  const { tenantId, connection } = identity;
  const type = headers["content-type"];
  if (type && !/^\s*(application\/([\w.+-]*\+)?json|text\/plain)\b/i.test(type)) return webhookError("UNSUPPORTED_MEDIA_TYPE");
  const body = parseJson(input.rawBody);
  if (body === undefined) return webhookError("INVALID_JSON");
  const delivery: Delivery = { system, headers, ...(tenantId ? { tenantId } : {}), ...(connection ? { connection } : {}) };
  if (Array.isArray(body)) return acceptBatch(delivery, body, deps);
  return acceptOne(parse(delivery, body, deps), delivery, deps);
}

/** One authenticated delivery: its system, the tenant whose endpoint took it, and that endpoint's connection. */
interface Delivery {
  system: TicketSystem;
  headers: LowerCaseHeaders;
  tenantId?: string;
  connection?: TicketConnection;
}

/** The system's module reads the body; our own integration user is the connection's, else the app's. */
function parse(delivery: Delivery, body: unknown, deps: AcceptWebhookDeps): ParseResult {
  const fromConnection = delivery.connection && moduleFor(delivery.system).settings.integrationUser?.(delivery.connection);
  const users = fromConnection ? { ...deps.integrationUsers, [delivery.system]: fromConnection } : deps.integrationUsers;
  return parseWebhook(delivery.system, body, delivery.headers, users);
}

/** HaloPSA batches deliveries as an array of items; each is taken on its own, the answer lists them all. */
async function acceptBatch(delivery: Delivery, items: unknown[], deps: AcceptWebhookDeps): Promise<AcceptWebhookResult> {
  if (!moduleFor(delivery.system).batches) return webhookError("WEBHOOK_NOT_RECOGNISED", "Only HaloPSA sends batches (a JSON array).");
  if (items.length === 0 || items.length > MAX_BATCH_ITEMS) return webhookError("WEBHOOK_NOT_RECOGNISED", `A batch holds 1 to ${MAX_BATCH_ITEMS} items.`);
  const parsed = items.map((item) => parse(delivery, item, deps));
  const invalid = parsed.find((result) => result.kind === "invalid");
  if (invalid?.kind === "invalid") return webhookError("WEBHOOK_NOT_RECOGNISED", invalid.message);
  const results: AcceptWebhookResult[] = [];
  for (const result of parsed) results.push(await acceptOne(result, delivery, deps));
  // 503 for the whole batch when any item hit our outage: Halo re-sends it, and taken items dedupe.
  const status = results.some((r) => r.status >= 500) ? 503 : results.some((r) => r.status === 202) ? 202 : 200;
  return { status, body: { results: results.map((r) => r.body) } };
}

async function acceptOne(parsed: ParseResult, delivery: Delivery, deps: AcceptWebhookDeps): Promise<AcceptWebhookResult> {
  if (parsed.kind === "invalid") return webhookError("WEBHOOK_NOT_RECOGNISED", parsed.message);
  if (parsed.kind === "ignored") return { status: 200, body: { status: "ignored", reason: parsed.reason } };
  try {
    const event = await withRequester(parsed.event, deps);
    if (!event) return webhookError("TEMPORARILY_UNAVAILABLE", "The requester could not be read; deliver again later.");
    return await startOrAsk(withLinkChecked(event, delivery.connection), delivery.tenantId, deps);
  } catch {
    // Our queue or store failed, not the sender: a retryable answer, and nothing about the cause leaks.
    return webhookError("TEMPORARILY_UNAVAILABLE");
  }
}

/** The event with its requester's address, when only an id came; undefined when reading it failed. */
async function withRequester(event: TicketEvent, deps: AcceptWebhookDeps): Promise<TicketEvent | undefined> {
  if (event.requester || !event.requesterId || event.mailbox || !deps.lookupRequester) return event;
  const found = await deps.lookupRequester(event.requesterId);
  if (found.kind === "failed") return undefined;
  return found.kind === "found" ? { ...event, requester: found.email, ...(found.agent ? { requesterAgent: true } : {}) } : { ...event, requesterUnknown: true };
}

/** A ticket link is shown only when it points under the connection's base URL: never any URL a webhook names. */
function withLinkChecked(event: TicketEvent, connection: TicketConnection | undefined): TicketEvent {
  const { ticketUrl, ...rest } = event;
  const kept = ticketUrl && connection ? linkUnder(ticketUrl, connection) : undefined;
  return kept ? { ...rest, ticketUrl: kept } : rest;
}

async function startOrAsk(event: TicketEvent, tenantId: string | undefined, deps: AcceptWebhookDeps): Promise<AcceptWebhookResult> {
  const key = dedupeKey(event);
  const found = extractMailbox(event);
  // A tenant endpoint's tickets live in that tenant's ticket system: its ticket ids are its own.
  const ticketScope = `${tenantId ? `${tenantId}:` : ""}${event.system}:${event.ticketId}`;
  if (found.kind !== "found") {
    const candidates = found.kind === "ambiguous" ? found.candidates : [];
    const id = `${ticketScope}:needs-mailbox:${shortHash(candidates.join(","))}`;
    await deps.enqueueNote(await note(id, event, tenantId, "needs-mailbox", { candidates }, event.requester, deps));
    return { status: 202, body: { status: "needs-mailbox", ...(candidates.length ? { candidates } : {}) } };
  }
  const errorText = extractErrorText([event.subject, ...event.texts]);
  const ticket: TicketRef = {
    system: event.system,
    id: event.ticketId,
    ...(event.ticketUrl ? { url: event.ticketUrl } : {}),
    // A tenant endpoint's ticket hears back through that tenant's own connection, whoever else has one.
    ...(tenantId ? { connectionTenantId: tenantId } : {}),
  };
  const result = await deps.acceptRemediation({
    mailbox: found.mailbox,
    ...(errorText ? { errorText } : {}),
    ticket,
    idempotencyKey: key,
    ...(event.requester ? { requestedBy: event.requester } : {}),
    ...(event.requesterAgent ? { requesterIsAgent: true } : {}),
    ...(tenantId ? { tenantId } : {}),
  });
  if (result.ok) {
    return { status: 202, body: { id: result.id, status: result.status, ...(result.statusUrl ? { statusUrl: result.statusUrl } : {}) } };
  }
  // Keyed by ticket and reason, not by event: a re-sent ticket refused for the same reason gets no second note.
  const content: NoteContent = { mailbox: found.mailbox, reason: result.message };
  const id = `${ticketScope}:refused:${shortHash(`${result.code}\n${found.mailbox}\n${result.message}`)}`;
  await deps.enqueueNote(await note(id, event, tenantId, "needs-attention", content, found.mailbox, deps));
  return { status: result.status, body: { error: { code: result.code, message: result.message } } };
}

async function note(id: string, event: TicketEvent, tenantId: string | undefined, kind: NoteKind, content: NoteContent, address: string | undefined, deps: AcceptWebhookDeps): Promise<TicketNote> {
  const domain = address?.split("@")[1];
  const locale = (domain && (await deps.localeForDomain?.(domain).catch(() => undefined))) || deps.defaultLocale || "en";
  return {
    id,
    system: event.system,
    ticketId: event.ticketId,
    ...(event.ticketUrl ? { ticketUrl: event.ticketUrl } : {}),
    ...(tenantId ? { connectionTenantId: tenantId } : {}),
    kind,
    locale,
    content,
  };
}

function lowerCaseHeaders(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}
